package org.tunerd.models.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tunerd.models.space.Configuration;

/**
 * Every recorded run of one configuration, in the order measured, with the median the models see and the
 * spread around it.
 *
 * @param configuration the configuration every run measured
 * @param runs          at least one run, each of {@code configuration}
 */
public record Repetitions(Configuration configuration, List<Measurement> runs) {

    public Repetitions {
        Objects.requireNonNull(configuration, "configuration");
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(configuration + ": no runs");
        }
        for (Measurement m : runs) {
            if (!m.configuration().equals(configuration)) {
                throw new IllegalArgumentException("run of " + m.configuration() + " among the runs of " + configuration);
            }
        }
    }

    public int count() {
        return runs.size();
    }

    /**
     * The per-metric median of the runs (mean of the two middle values for an even count); energy is the
     * median of the runs that have one, NaN if none has.
     */
    public Measurement median() {
        return new Measurement(configuration, median(values(Metric.LATENCY)), median(values(Metric.ENERGY)));
    }

    public double min(Metric metric) {
        return Arrays.stream(values(metric)).min().orElse(Double.NaN);
    }

    public double max(Metric metric) {
        return Arrays.stream(values(metric)).max().orElse(Double.NaN);
    }

    /**
     * The coefficient of variation of {@code metric} over the runs (sample standard deviation / mean):
     * 0 for one run, NaN without values.
     */
    public double coefficientOfVariation(Metric metric) {
        double[] v = values(metric);
        if (v.length == 0) {
            return Double.NaN;
        }
        if (v.length == 1) {
            return 0;
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1)) / mean;
    }

    /** The metric's values of the runs that have one (energy may be missing), in run order. */
    private double[] values(Metric metric) {
        return runs.stream().mapToDouble(m -> m.value(metric)).filter(x -> !Double.isNaN(x)).toArray();
    }

    /** The median of {@code values}; NaN for none. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
