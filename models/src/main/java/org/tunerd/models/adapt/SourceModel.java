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
 * What the source environment says about a configuration, in log space. By default the source is
 * smoothed: a ridge on the physical features and their pairwise products plus a Gaussian process on its
 * residual, fitted on the source measurements with the GP's length scale and noise chosen by 5-fold
 * cross-validation. Smoothing removes most of the source's own measurement noise (each study row is a
 * single measurement), which a transfer would otherwise copy into every prediction, and interpolates
 * option values the source never measured. Unsmoothed, the measured value is used where it exists and
 * the smoother elsewhere. Only the source's own options are read, so a target configuration may carry
 * extra options. Thread-safe.
 */
public final class SourceModel {

    /** Source points the smoothing GP is fitted on, at most. */
    static final int GP_POINTS = 1000;
    /** Source points its hyper-parameters are cross-validated on, at most. */
    static final int CV_POINTS = 400;

    private final MeasurementSet source;
    private final List<String> options;
    private final boolean hasEnergy;
    private final boolean smooth;
    private volatile Interpolator[] interpolators;

    /** A smoothed source model. */
    public SourceModel(MeasurementSet source) {
        this(source, true);
    }

    /** A source model; {@code smooth} false uses measured values where they exist. */
    public SourceModel(MeasurementSet source, boolean smooth) {
        this.smooth = smooth;
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
        if (!smooth) {
            var measured = source.find(new Configuration(own));
            if (measured.isPresent()) {
                return Math.log(measured.get().value(metric));
            }
        }
        return interpolators()[metric.ordinal()].predict(new Configuration(own));
    }

    /**
     * {@code log} of the measured source value at {@code c} when the source measured it, else the smoothed
     * value.
     */
    public double rawLogValue(Metric metric, Configuration c) {
        if (metric == Metric.ENERGY && !hasEnergy) {
            throw new IllegalStateException(source.environment() + ": the source has no energy measurements");
        }
        LinkedHashMap<String, Double> own = new LinkedHashMap<>();
        for (String o : options) {
            own.put(o, c.get(o));
        }
        var measured = source.find(new Configuration(own));
        return measured.isPresent() ? Math.log(measured.get().value(metric)) : logValue(metric, c);
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
            double[] resid = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                resid[i] = y[i] - ridge.predict(q[i]);
            }
            GaussianProcess.Hyper hyper = crossValidate(x, resid, order.subList(0, Math.min(CV_POINTS, x.length)));
            int n = Math.min(GP_POINTS, x.length);
            double[][] gx = new double[n][];
            double[] gr = new double[n];
            for (int k = 0; k < n; k++) {
                gx[k] = x[order.get(k)];
                gr[k] = resid[order.get(k)];
            }
            gp = GaussianProcess.fit(gx, gr, hyper, false);
        }

        /** The (length scale, noise fraction) of lowest 5-fold squared error on {@code points}. */
        private static GaussianProcess.Hyper crossValidate(double[][] x, double[] r, List<Integer> points) {
            double variance = 0;
            for (int i : points) {
                variance += r[i] * r[i] / points.size();
            }
            variance = Math.max(variance, 1e-12);
            GaussianProcess.Hyper best = null;
            double bestError = Double.POSITIVE_INFINITY;
            int folds = Math.min(5, points.size());
            for (double ls : new double[] {0.3, 0.5, 0.7, 1.0, 1.5}) {
                for (double fraction : new double[] {0.001, 0.003, 0.01, 0.03, 0.1}) {
                    GaussianProcess.Hyper h = new GaussianProcess.Hyper(ls, variance, variance * fraction);
                    double error = 0;
                    for (int fold = 0; fold < folds; fold++) {
                        List<double[]> tx = new ArrayList<>();
                        List<Double> ty = new ArrayList<>();
                        for (int k = 0; k < points.size(); k++) {
                            if (k % folds != fold) {
                                tx.add(x[points.get(k)]);
                                ty.add(r[points.get(k)]);
                            }
                        }
                        if (tx.isEmpty()) {
                            continue;
                        }
                        GaussianProcess g = GaussianProcess.fit(tx.toArray(double[][]::new),
                                ty.stream().mapToDouble(Double::doubleValue).toArray(), h, false);
                        for (int k = fold; k < points.size(); k += folds) {
                            double e = g.mean(x[points.get(k)]) - r[points.get(k)];
                            error += e * e;
                        }
                    }
                    if (error < bestError) {
                        bestError = error;
                        best = h;
                    }
                }
            }
            return best;
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
