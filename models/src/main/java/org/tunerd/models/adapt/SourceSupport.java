package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * Where a source measured: per numeric option the smallest and largest value it measured, per categorical
 * option the labels it measured. A source knows nothing beyond that, so
 * <ul>
 *   <li>{@link #hold} moves a configuration onto the measured range (each numeric value clamped to the nearest
 *       measured end): the source's trend is held flat beyond its last measured value, never extrapolated;</li>
 *   <li>{@link #variance} is the log-space variance a prediction gains there instead: per option, the source's
 *       own spread over its measured range (largest minus smallest mean log value over that option's levels)
 *       times the distance beyond the range in units of that range (log units for positive values), squared
 *       and summed over options; an unmeasured categorical label counts as distance 1. Zero inside the range.
 *       The assumption: beyond its range the metric may keep changing at the rate it changed within it, in
 *       either direction.</li>
 * </ul>
 * Immutable.
 */
public final class SourceSupport {

    private record Range(String option, boolean log, double min, double max, Set<Double> labels,
                         double[] spread) {
        boolean categorical() {
            return labels != null;
        }
    }

    private final List<Range> ranges;

    private SourceSupport(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** The support of every measurement of {@code source}; the spread of a metric the source lacks is 0. */
    public static SourceSupport of(MeasurementSet source) {
        List<Range> ranges = new ArrayList<>();
        List<Configuration> cs = source.configurations();
        for (Option o : source.space().options()) {
            double[] spread = new double[Metric.values().length];
            for (Metric m : Metric.values()) {
                spread[m.ordinal()] = spread(source, o.name(), m);
            }
            if (o.kind() == OptionKind.CATEGORICAL) {
                Set<Double> labels = new HashSet<>();
                cs.forEach(c -> labels.add(c.get(o.name())));
                ranges.add(new Range(o.name(), false, Double.NaN, Double.NaN, labels, spread));
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Configuration c : cs) {
                lo = Math.min(lo, c.get(o.name()));
                hi = Math.max(hi, c.get(o.name()));
            }
            ranges.add(new Range(o.name(), lo > 0, lo, hi, null, spread));
        }
        return new SourceSupport(ranges);
    }

    /** Largest minus smallest mean log value of {@code m} over the measured levels of {@code option}. */
    private static double spread(MeasurementSet source, String option, Metric m) {
        Map<Double, double[]> levels = new LinkedHashMap<>();
        for (Measurement x : source.measurements()) {
            double v = x.value(m);
            if (!(v > 0)) {
                return 0;
            }
            double[] acc = levels.computeIfAbsent(x.configuration().get(option), k -> new double[2]);
            acc[0] += Math.log(v);
            acc[1]++;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] acc : levels.values()) {
            lo = Math.min(lo, acc[0] / acc[1]);
            hi = Math.max(hi, acc[0] / acc[1]);
        }
        return levels.isEmpty() ? 0 : hi - lo;
    }

    /** {@code own} (a configuration with the source's options) with every numeric value clamped to the range. */
    public Configuration hold(Configuration own) {
        LinkedHashMap<String, Double> values = null;
        for (Range r : ranges) {
            if (r.categorical()) {
                continue;
            }
            double v = own.get(r.option());
            double held = Math.min(r.max(), Math.max(r.min(), v));
            if (held != v) {
                if (values == null) {
                    values = new LinkedHashMap<>(own.values());
                }
                values.put(r.option(), held);
            }
        }
        return values == null ? own : new Configuration(values);
    }

    /** True if every option of {@code c} is within the measured range (a measured label). */
    public boolean supports(Configuration c) {
        for (Range r : ranges) {
            if (distance(r, c.get(r.option())) > 0) {
                return false;
            }
        }
        return true;
    }

    /** The log-space variance a prediction of {@code m} at {@code c} gains from lying outside the support. */
    public double variance(Metric m, Configuration c) {
        double var = 0;
        for (Range r : ranges) {
            double d = distance(r, c.get(r.option()));
            if (d > 0) {
                double s = r.spread()[m.ordinal()] * d;
                var += s * s;
            }
        }
        return var;
    }

    /** Distance beyond the range in units of the range's width (log units of the value if it is 0). */
    private static double distance(Range r, double v) {
        if (r.categorical()) {
            return r.labels().contains(v) ? 0 : 1;
        }
        if (v >= r.min() && v <= r.max()) {
            return 0;
        }
        double edge = v < r.min() ? r.min() : r.max();
        double out = r.log() && v > 0 ? Math.abs(Math.log(v / edge)) : Math.abs(v - edge);
        double width = r.log() ? Math.log(r.max() / r.min()) : r.max() - r.min();
        return width > 0 ? out / width : out;
    }
}
