package org.tunerd.daemon.config;

import java.util.Objects;
import org.tunerd.models.space.Budget;

/**
 * What the tuner optimises and how it learns.
 *
 * @param objective   what to minimise
 * @param strategy    transfer strategy name (see {@link PolicyNames#STRATEGIES})
 * @param learner     learner name (see {@link PolicyNames#LEARNERS})
 * @param budget      measurements per tuning session
 * @param constraints limits on the configuration space
 */
public record PolicySettings(ObjectiveSettings objective, String strategy, String learner, Budget budget,
                             ConstraintSettings constraints) {

    public PolicySettings {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(constraints, "constraints");
    }
}
