package org.tunerd.daemon.store;

import java.util.List;
import java.util.Objects;
import org.tunerd.models.data.Metric;

/**
 * One term of an influence model: how much a metric changes with an option or an interaction of options.
 *
 * @param metric      the metric the term belongs to
 * @param options     the options multiplied in the term; empty for the intercept
 * @param coefficient the term's coefficient
 */
public record InfluenceTerm(Metric metric, List<String> options, double coefficient) {

    public InfluenceTerm {
        Objects.requireNonNull(metric, "metric");
        options = List.copyOf(options);
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("influence coefficient must be finite, got " + coefficient);
        }
    }

    /** {@code cores * gpu_freq}, or {@code (intercept)}. */
    public String label() {
        return options.isEmpty() ? "(intercept)" : String.join(" * ", options);
    }
}
