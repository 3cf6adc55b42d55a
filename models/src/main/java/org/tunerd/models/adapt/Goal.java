package org.tunerd.models.adapt;

import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.Objective;

/**
 * What the sequential optimiser minimises: one metric, optionally subject to a latency bound
 * (the latency-SLO policy: minimum energy with latency at most the bound).
 *
 * @param metric       the metric to minimise
 * @param latencyBound the largest acceptable latency in seconds, or {@code NaN} for none
 */
public record Goal(Metric metric, double latencyBound) {

    public Goal {
        Objects.requireNonNull(metric, "metric");
        if (!Double.isNaN(latencyBound) && !(latencyBound > 0)) {
            throw new IllegalArgumentException("latency bound must be positive, got " + latencyBound);
        }
    }

    public static Goal minimise(Metric metric) {
        return new Goal(metric, Double.NaN);
    }

    /** Minimum energy with latency at most {@code bound} seconds. */
    public static Goal minEnergyWithin(double bound) {
        return new Goal(Metric.ENERGY, bound);
    }

    /**
     * The goal of a tuning objective; a weighted objective has no single-metric goal and is rejected with
     * a message naming it.
     */
    public static Goal of(Objective objective) {
        return forObjective(objective).orElseThrow(() -> new IllegalArgumentException("the sequential optimiser "
                + "handles min energy, min latency and min energy within a latency SLO, not " + objective));
    }

    /** The goal of a tuning objective, or empty if it has none (a weighted trade-off between both metrics). */
    public static Optional<Goal> forObjective(Objective objective) {
        return objective.minimised().map(metric -> new Goal(metric, objective.latencyBound()));
    }

    public boolean constrained() {
        return !Double.isNaN(latencyBound);
    }

    public boolean feasible(Measurement m) {
        return !constrained() || m.latency() <= latencyBound;
    }

    @Override
    public String toString() {
        return constrained() ? "min " + metric.key() + " s.t. latency <= " + latencyBound : "min " + metric.key();
    }
}
