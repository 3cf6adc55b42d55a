package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * What the source environment says about a configuration, in log space: the measured value when the
 * source measured that configuration, otherwise an interpolation (ridge on the physical features with
 * pairwise products, plus a Gaussian process on its residual) fitted lazily on the source measurements.
 * Only the source's own options are read, so a target configuration may carry extra options.
 * Thread-safe.
 */
public final class SourceModel {

    /** Source points the interpolating GP is fitted on, at most. */
    static final int GP_POINTS = 300;

    private final MeasurementSet source;
    private final List<String> options;
    private final boolean hasEnergy;
    private volatile Interpolator[] interpolators;

    public SourceModel(MeasurementSet source) {
        if (source.size() < 2) {
            throw new IllegalArgumentException(source.environment() + ": a source needs at least 2 measurements, has "
                    + source.size());
        }
        this.source = source;
        this.options = source.space().names();
        this.hasEnergy = source.measurements().stream().allMatch(Measurement::hasEnergy);
    }

    public MeasurementSet source() {
        return source;
    }

    /** True if every source measurement has an energy value (else energy predictions are unavailable). */
    public boolean hasEnergy() {
        return hasEnergy;
    }

    /** {@code log} of the source's value of {@code metric} at {@code c}. */
    public double logValue(Metric metric, Configuration c) {
        if (metric == Metric.ENERGY && !hasEnergy) {
            throw new IllegalStateException(source.environment() + ": the source has no energy measurements");
        }
        LinkedHashMap<String, Double> own = new LinkedHashMap<>();
        for (String o : options) {
            own.put(o, c.get(o));
        }
        var measured = source.find(new Configuration(own));
        if (measured.isPresent()) {
            return Math.log(measured.get().value(metric));
        }
        return interpolators()[metric.ordinal()].predict(new Configuration(own));
    }

    /** {@code log} values for every configuration. */
    public double[] logValues(Metric metric, List<Configuration> cs) {
        double[] y = new double[cs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = logValue(metric, cs.get(i));
        }
        return y;
    }

    private Interpolator[] interpolators() {
        Interpolator[] local = interpolators;
        if (local == null) {
            synchronized (this) {
                local = interpolators;
                if (local == null) {
                    local = new Interpolator[Metric.values().length];
                    for (Metric m : Metric.values()) {
                        if (m == Metric.LATENCY || hasEnergy) {
                            local[m.ordinal()] = new Interpolator(source, m);
                        }
                    }
                    interpolators = local;
                }
            }
        }
        return local;
    }

    private static final class Interpolator {
        private final PhysicalEncoding encoding;
        private final Ridge ridge;
        private final GaussianProcess gp;

        Interpolator(MeasurementSet source, Metric metric) {
            encoding = PhysicalEncoding.over(source.space().options(), source.configurations());
            double[][] x = encoding.encode(source.configurations());
            double[] y = new double[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.log(source.get(i).value(metric));
            }
            double[][] q = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                q[i] = quadratic(x[i]);
            }
            ridge = Ridge.fitLoo(q, y);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new Random(17));
            int n = Math.min(GP_POINTS, x.length);
            double[][] gx = new double[n][];
            double[] gr = new double[n];
            for (int k = 0; k < n; k++) {
                int i = order.get(k);
                gx[k] = x[i];
                gr[k] = y[i] - ridge.predict(q[i]);
            }
            gp = GaussianProcess.fitMaximumLikelihood(gx, gr, false);
        }

        double predict(Configuration c) {
            double[] x = encoding.encode(c);
            return ridge.predict(quadratic(x)) + gp.mean(x);
        }

        static double[] quadratic(double[] x) {
            int p = x.length;
            double[] q = new double[p + p * (p + 1) / 2];
            int k = 0;
            for (double v : x) {
                q[k++] = v;
            }
            for (int i = 0; i < p; i++) {
                for (int j = i; j < p; j++) {
                    q[k++] = x[i] * x[j];
                }
            }
            return q;
        }
    }
}
