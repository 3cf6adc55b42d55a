package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * What a measured source environment says about a configuration, in log space, in one of two views over
 * the same fitted smoother ({@link SourceSmoother}: a ridge plus a Gaussian process per metric):
 * <ul>
 *   <li>{@linkplain #smoothed() smoothed}: the smoother's value everywhere. Smoothing removes most of the
 *       source's own measurement noise (each study row is a single measurement), which a transfer would
 *       otherwise copy into every prediction, and interpolates option values the source never measured;</li>
 *   <li>{@linkplain #measured() measured}: the measured value where the source measured the configuration,
 *       the smoother's elsewhere.</li>
 * </ul>
 * The two views of one source share its smoother, which is fitted once, on first use (several seconds on a
 * profiled source), together with the smoothed values at the source's own configurations; a daemon keeps
 * one {@code SourceModel} per stored environment for every session that transfers from it. Only the
 * source's own options are read, so a target configuration may carry extra options. Beyond the range the
 * source measured, both views hold the value at the range's edge ({@link SourceSupport#hold}): no source
 * trend is extrapolated. Thread-safe.
 */
public final class SourceModel {

    private final Smoothing smoothing;
    private final boolean smooth;

    /** The smoothed view of {@code source}. */
    public SourceModel(MeasurementSet source) {
        this(new Smoothing(source), true);
    }

    /** The smoothed ({@code smooth} true) or measured view of {@code source}, with a smoother of its own. */
    public SourceModel(MeasurementSet source, boolean smooth) {
        this(new Smoothing(source), smooth);
    }

    private SourceModel(Smoothing smoothing, boolean smooth) {
        this.smoothing = smoothing;
        this.smooth = smooth;
        smoothing.views.compareAndSet(smooth ? 1 : 0, null, this);
    }

    /** The smoothed view of the same source, sharing this view's smoother. */
    public SourceModel smoothed() {
        return view(true);
    }

    /** The measured view of the same source, sharing this view's smoother. */
    public SourceModel measured() {
        return view(false);
    }

    private SourceModel view(boolean smoothed) {
        SourceModel v = smoothing.views.get(smoothed ? 1 : 0);
        return v != null ? v : new SourceModel(smoothing, smoothed).view(smoothed);
    }

    /** True for the smoothed view. */
    public boolean isSmoothed() {
        return smooth;
    }

    public MeasurementSet source() {
        return smoothing.source;
    }

    /** True if every source measurement has an energy value (else energy predictions are unavailable). */
    public boolean hasEnergy() {
        return smoothing.hasEnergy;
    }

    /** {@code log} of the source's value of {@code metric} at {@code c}, in this view. */
    public double logValue(Metric metric, Configuration c) {
        return smooth ? smoothing.smoothedLog(metric, c) : rawLogValue(metric, c);
    }

    /**
     * {@code log} of the measured source value at {@code c} when the source measured it, else the smoothed
     * value (whatever the view).
     */
    public double rawLogValue(Metric metric, Configuration c) {
        smoothing.requireMetric(metric);
        Optional<Measurement> measured = smoothing.source.find(smoothing.held(c));
        return measured.isPresent() ? Math.log(measured.get().value(metric)) : smoothing.smoothedLog(metric, c);
    }

    /**
     * {@code log} of the measured source value at {@code c}, or NaN where the source did not measure it: with
     * {@link #logValue}, what {@link #rawLogValue} is without evaluating the smoother a second time.
     */
    public double measuredLogValue(Metric metric, Configuration c) {
        smoothing.requireMetric(metric);
        Optional<Measurement> measured = smoothing.source.find(smoothing.held(c));
        return measured.isPresent() ? Math.log(measured.get().value(metric)) : Double.NaN;
    }

    /**
     * Where the source measured ({@link SourceSupport}): both views hold the source's values at the edge of its
     * measured range beyond it, and a prediction there gains {@link SourceSupport#variance} instead.
     */
    public SourceSupport support() {
        return smoothing.support;
    }

    /** {@code log} values for every configuration, in this view. */
    public double[] logValues(Metric metric, List<Configuration> cs) {
        if (smooth) {
            return smoothing.smoothedLogs(metric, cs);
        }
        double[] y = new double[cs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = logValue(metric, cs.get(i));
        }
        return y;
    }

    /**
     * {@link #logValues(Metric, List)} of every metric the source has, indexed by {@link Metric#ordinal()}, null
     * for energy when the source has none: the same values, each configuration looked up once for both metrics.
     */
    public double[][] logValues(List<Configuration> cs) {
        List<Metric> metrics = hasEnergy() ? List.of(Metric.values()) : List.of(Metric.LATENCY);
        if (smooth) {
            return smoothing.smoothedLogs(metrics, cs);
        }
        double[][] out = new double[Metric.values().length][];
        for (Metric metric : metrics) {
            out[metric.ordinal()] = logValues(metric, cs);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SourceModel[" + smoothing.source.environment() + (smooth ? ", smoothed" : ", measured") + "]";
    }

    /** The smoother of one source and its values at the source's own configurations, built once. */
    private static final class Smoothing {
        private final MeasurementSet source;
        private final List<String> options;
        private final boolean hasEnergy;
        private final SourceSupport support;
        private final Map<Configuration, Integer> rows;
        private volatile SourceSmoother[] smoothers;
        /** per metric: the smoothed log value at each source row, computed with the smoothers (null before) */
        private final AtomicReferenceArray<double[]> atRows = new AtomicReferenceArray<>(Metric.values().length);
        /** the measured (0) and smoothed (1) view, each made once */
        private final AtomicReferenceArray<SourceModel> views = new AtomicReferenceArray<>(2);

        Smoothing(MeasurementSet source) {
            this.source = source;
            this.options = source.space().names();
            this.hasEnergy = source.measurements().stream().allMatch(Measurement::hasEnergy);
            this.support = SourceSupport.of(source);
            this.rows = new HashMap<>(source.size() * 2);
            for (int i = 0; i < source.size(); i++) {
                rows.putIfAbsent(source.get(i).configuration(), i);
            }
        }

        void requireMetric(Metric metric) {
            if (metric == Metric.ENERGY && !hasEnergy) {
                throw new IllegalStateException(source.environment() + ": the source has no energy measurements");
            }
        }

        /** {@code c} restricted to the source's options. */
        Configuration own(Configuration c) {
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            for (String o : options) {
                values.put(o, c.get(o));
            }
            return new Configuration(values);
        }

        /** {@code c} restricted to the source's options and held within its measured range. */
        Configuration held(Configuration c) {
            return support.hold(own(c));
        }

        double smoothedLog(Metric metric, Configuration c) {
            requireMetric(metric);
            Configuration own = held(c);
            Integer row = rows.get(own);
            return row != null ? valuesAtRows(metric)[row] : smoothers()[metric.ordinal()].predict(own);
        }

        /** {@link #smoothedLog} at each of {@code cs}, the smoother evaluated once for all that are not source rows. */
        double[] smoothedLogs(Metric metric, List<Configuration> cs) {
            requireMetric(metric);
            return smoothedLogs(List.of(metric), cs)[metric.ordinal()];
        }

        /**
         * {@link #smoothedLogs(Metric, List)} of each of {@code metrics} (the source has them), indexed by
         * {@link Metric#ordinal()}, null for the others: each configuration held and looked up once for all.
         */
        double[][] smoothedLogs(List<Metric> metrics, List<Configuration> cs) {
            int[] row = new int[cs.size()];
            List<Configuration> elsewhere = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                Configuration own = held(cs.get(i));
                row[i] = rows.getOrDefault(own, -1);
                if (row[i] < 0) {
                    elsewhere.add(own);
                }
            }
            double[][] out = new double[Metric.values().length][];
            for (Metric metric : metrics) {
                double[] values = new double[row.length];
                double[] atRow = valuesAtRows(metric);
                double[] predicted = smoothers()[metric.ordinal()].predict(elsewhere);
                for (int i = 0, k = 0; i < values.length; i++) {
                    values[i] = row[i] >= 0 ? atRow[row[i]] : predicted[k++];
                }
                out[metric.ordinal()] = values;
            }
            return out;
        }

        /** The smoothed log values of {@code metric} at the source's rows (computed with the smoothers). */
        private double[] valuesAtRows(Metric metric) {
            smoothers();
            return atRows.get(metric.ordinal());
        }

        private SourceSmoother[] smoothers() {
            SourceSmoother[] local = smoothers;
            if (local == null) {
                synchronized (this) {
                    local = smoothers;
                    if (local == null) {
                        if (source.size() < 2) {
                            throw new IllegalArgumentException(source.environment()
                                    + ": smoothing a source needs at least 2 measurements, it has " + source.size());
                        }
                        local = new SourceSmoother[Metric.values().length];
                        for (Metric m : Metric.values()) {
                            if (m == Metric.LATENCY || hasEnergy) {
                                SourceSmoother smoother = new SourceSmoother(source, m);
                                local[m.ordinal()] = smoother;
                                // with the fit, as the class says: every session reads the source's own rows
                                atRows.set(m.ordinal(), smoother.predict(source.configurations()));
                            }
                        }
                        smoothers = local;
                    }
                }
            }
            return local;
        }
    }
}
