package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * The sources' log values at a fixed list of configurations, for one adaptation session: each source model is
 * evaluated at most once per configuration and metric, however many models the session fits. A session
 * fits its target models twelve times (latency and energy, each on all samples and on five
 * cross-validation folds), and each fit reads the sources at the primary source's configurations (the
 * influence step, {@link TransferFeatures#influence()}) and, to predict, at every candidate; without this
 * table each read evaluates the smoother again (a Gaussian process on up to a thousand points).
 *
 * <p>A value is exactly {@link SourceModel#logValue} of that source and configuration, so models fitted with
 * and without the table are the same. The columns hold the smoothed views ({@link #over} is given smoothed
 * sources); {@link #measuredView} reads them for a source's measured view. A source's columns (one per metric)
 * are computed together on first use and kept.
 * Thread-safe.
 */
public final class SourceFeatures {

    private static final int METRICS = Metric.values().length;

    private final List<SourceModel> sources;
    private final List<Configuration> configurations;
    private final Map<Configuration, Integer> index;
    /** column {@code source * METRICS + metric}, null until first use */
    private final AtomicReferenceArray<double[]> columns;
    /** the source each of {@link #sources} is in {@link #columns}' numbering (a single-source view shares them) */
    private final int[] columnOf;
    /** true: the sources are measured views, the measured value where there is one, else the smoothed column's */
    private final boolean measuredView;

    private SourceFeatures(List<SourceModel> sources, List<Configuration> configurations,
                           Map<Configuration, Integer> index, AtomicReferenceArray<double[]> columns, int[] columnOf,
                           boolean measuredView) {
        this.measuredView = measuredView;
        this.sources = sources;
        this.configurations = configurations;
        this.index = index;
        this.columns = columns;
        this.columnOf = columnOf;
    }

    /**
     * The table of {@code sources} (in the view given) over {@code configurations} and then those of
     * {@code more} that are not among them.
     */
    public static SourceFeatures over(List<SourceModel> sources, List<Configuration> configurations,
                                      List<Configuration> more) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source");
        }
        List<Configuration> all = new ArrayList<>(configurations.size() + more.size());
        Map<Configuration, Integer> index = new HashMap<>((configurations.size() + more.size()) * 2);
        for (List<Configuration> list : List.of(configurations, more)) {
            for (Configuration c : list) {
                if (index.putIfAbsent(c, all.size()) == null) {
                    all.add(c);
                }
            }
        }
        int[] columnOf = new int[sources.size()];
        for (int s = 0; s < columnOf.length; s++) {
            columnOf[s] = s;
        }
        return new SourceFeatures(List.copyOf(sources), List.copyOf(all), index,
                new AtomicReferenceArray<>(sources.size() * METRICS), columnOf, false);
    }

    /** The sources, in order. */
    public List<SourceModel> sources() {
        return sources;
    }

    /** The configurations tabulated, in order. */
    public List<Configuration> configurations() {
        return configurations;
    }

    /** The same table seen from source {@code s} alone (sharing the computed columns). */
    SourceFeatures single(int s) {
        return new SourceFeatures(List.of(sources.get(s)), configurations, index, columns, new int[] {columnOf[s]},
                measuredView);
    }

    /**
     * Source {@code s} alone in its {@linkplain SourceModel#measured() measured view}: its measured value where it
     * measured the configuration, else the smoothed value this table holds (what the measured view's
     * {@link SourceModel#logValue} is), sharing the computed columns.
     */
    public SourceFeatures measuredView(int s) {
        return new SourceFeatures(List.of(sources.get(s).measured()), configurations, index, columns,
                new int[] {columnOf[s]}, true);
    }

    /** Position of {@code c} in the table, or -1. */
    int indexOf(Configuration c) {
        return index.getOrDefault(c, -1);
    }

    /** {@link SourceModel#logValue} of source {@code s} at tabulated configuration {@code i}. */
    double logValue(int s, Metric metric, int i) {
        int column = columnOf[s] * METRICS + metric.ordinal();
        double[] values = columns.get(column);
        if (values == null) {
            values = computeColumns(s, metric);
        }
        if (measuredView) {
            double measured = sources.get(s).measuredLogValue(metric, configurations.get(i));
            if (!Double.isNaN(measured)) {
                return measured;
            }
        }
        return values[i];
    }

    /**
     * Source {@code s}'s columns of every metric it has, computed together (each configuration looked up once
     * for both, {@link SourceModel#logValues(List)}) unless computed already; its column of {@code metric}.
     */
    private double[] computeColumns(int s, Metric metric) {
        SourceModel smoothed = sources.get(s).smoothed();
        if (metric == Metric.ENERGY && !smoothed.hasEnergy()) {
            return smoothed.logValues(metric, configurations); // fails, naming the source
        }
        double[][] computed = smoothed.logValues(configurations);
        for (Metric m : Metric.values()) {
            if (computed[m.ordinal()] != null) {
                columns.compareAndSet(columnOf[s] * METRICS + m.ordinal(), null, computed[m.ordinal()]);
            }
        }
        return columns.get(columnOf[s] * METRICS + metric.ordinal());
    }

    /** {@link SourceModel#logValue} of source {@code s} at any configuration, from the table when it is there. */
    double logValue(int s, Metric metric, Configuration c) {
        int i = indexOf(c);
        return i >= 0 ? logValue(s, metric, i) : sources.get(s).logValue(metric, c);
    }
}
