package org.tunerd.daemon.tuning;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * A session starts measuring.
 *
 * @param environment  the environment tuned for
 * @param source       the stored environment transferred from (the primary one); empty for a cold start
 * @param extraSources further stored environments the fitted models transfer from, nearest first
 * @param strategy     the adaptation's name (e.g. {@code STACKED-GP}, {@code Scratch} for a cold start)
 * @param budget       most measurements the session takes (the verification runs are extra)
 * @param plan         the configurations planned up front (a resumed session skips those it measured
 *                     already); empty when an optimiser chooses them one at a time
 * @param resumed      true if the session continues with measurements taken earlier (restart, revisit)
 */
public record SessionStart(Environment environment, Optional<Environment> source, List<Environment> extraSources,
                           String strategy, int budget, List<Configuration> plan, boolean resumed) {

    public SessionStart {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(strategy, "strategy");
        extraSources = List.copyOf(extraSources);
        plan = List.copyOf(plan);
    }

    /** True if the configurations are chosen one at a time (no plan up front). */
    public boolean sequential() {
        return plan.isEmpty();
    }

    /** True without a source: the session learns from its own measurements alone. */
    public boolean coldStart() {
        return source.isEmpty();
    }
}
