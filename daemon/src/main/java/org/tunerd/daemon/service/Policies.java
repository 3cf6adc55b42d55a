package org.tunerd.daemon.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.tunerd.daemon.config.ObjectiveKind;
import org.tunerd.daemon.config.ObjectiveSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Constraint;

/**
 * Turns the configured policy into the models library's objective, into flat settings for the store's
 * records, and into the policy of a {@code policy.reloaded} event.
 */
final class Policies {

    private Policies() {
    }

    static Objective objective(ObjectiveSettings settings) {
        return settings.toObjective();
    }

    static Map<String, String> settings(PolicySettings policy) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("objective", objective(policy.objective()).toString());
        m.put("strategy", policy.strategy());
        m.put("learner", policy.learner());
        m.put("budget", policy.budget().toString());
        m.put("constraints", policy.constraints().toConstraints().toString());
        return m;
    }

    /** The policy as typed event data: a count budget as an integer, a fraction as a decimal. */
    static EventPayload.Policy payload(PolicySettings policy) {
        ObjectiveSettings o = policy.objective();
        boolean weighted = o.kind() == ObjectiveKind.WEIGHTED;
        EventPayload.Objective objective = new EventPayload.Objective(o.kind().key(), o.latencySlo(),
                weighted ? OptionalDouble.of(o.latencyWeight()) : OptionalDouble.empty(),
                weighted ? OptionalDouble.of(o.energyWeight()) : OptionalDouble.empty());
        Number budget = policy.budget().isFraction() ? (Number) policy.budget().fraction()
                : (Number) policy.budget().count();
        return new EventPayload.Policy(objective, policy.strategy(), policy.learner(), budget,
                policy.constraints().toConstraints().stream().map(Constraint::description).toList());
    }
}
