package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * The smoothed log value of one metric over a source's measurements: a ridge on the physical features and
 * their pairwise products plus a Gaussian process (RBF kernel) on its residual, fitted on at most
 * {@value #GP_POINTS} source points, with the GP's length scale and noise chosen by 5-fold cross-validation on
 * at most {@value #CV_POINTS} of them. The GP's matrices are large, so they are factored by
 * {@link LapackCholesky}; only the posterior mean is kept. Immutable.
 */
final class SourceSmoother {

    /** Source points the smoothing GP is fitted on, at most. */
    static final int GP_POINTS = 1000;
    /** Source points its hyper-parameters are cross-validated on, at most. */
    static final int CV_POINTS = 400;

    private static final double[] LENGTH_SCALES = {0.3, 0.5, 0.7, 1.0, 1.5};
    private static final double[] NOISE_FRACTIONS = {0.001, 0.003, 0.01, 0.03, 0.1};
    private static final int FOLDS = 5;

    private final PhysicalEncoding encoding;
    private final Ridge ridge;
    private final MeanGp gp;

    /** Fits the smoother of {@code metric} on every measurement of {@code source}. */
    SourceSmoother(MeasurementSet source, Metric metric) {
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
        Collections.shuffle(order, new Random(17));
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
        gp = MeanGp.fit(gx, gr, hyper);
    }

    /** The smoothed log value at {@code c} (its source options are read, others ignored). */
    double predict(Configuration c) {
        double[] x = encoding.encode(c);
        return ridge.predict(quadratic(x)) + gp.at(x);
    }

    /** {@link #predict} at each of {@code cs}, the same values, computed together ({@link MeanGp#atAll}). */
    double[] predict(List<Configuration> cs) {
        double[][] x = encoding.encode(cs);
        double[] gpPart = x.length == 0 ? new double[0] : gp.atAll(x);
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ridge.predict(quadratic(x[i])) + gpPart[i];
        }
        return out;
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
        int folds = Math.min(FOLDS, points.size());
        for (double ls : LENGTH_SCALES) {
            for (double fraction : NOISE_FRACTIONS) {
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
                    MeanGp g = MeanGp.fit(tx.toArray(double[][]::new),
                            ty.stream().mapToDouble(Double::doubleValue).toArray(), h);
                    List<double[]> held = new ArrayList<>();
                    for (int k = fold; k < points.size(); k += folds) {
                        held.add(x[points.get(k)]);
                    }
                    double[] predicted = g.atAll(held.toArray(double[][]::new));
                    for (int k = fold, q = 0; k < points.size(); k += folds, q++) {
                        double e = predicted[q] - r[points.get(k)];
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

    /**
     * The posterior mean of a zero-mean RBF Gaussian process, {@code sum_i k(point, x_i) alpha_i}: what
     * {@link GaussianProcess#mean} computes (to rounding), without keeping the factor of the (large) covariance
     * matrix. The RBF kernel is a product over features, {@code k = signal * prod_j exp(-(p_j - x_ij)^2 / 2l^2)},
     * and is computed as that product by both {@link #at} and {@link #atAll}, factor by factor in feature order,
     * so the two give the same value bit for bit.
     */
    record MeanGp(double[][] x, double[] alpha, GaussianProcess.Hyper hyper) {

        /** Points per block of {@link #atAll}: bounds its factor tables to features x block x training points. */
        static final int BLOCK = 512;

        static MeanGp fit(double[][] x, double[] y, GaussianProcess.Hyper hyper) {
            return new MeanGp(x, LapackCholesky.solve(GaussianProcess.covariance(x, hyper), y), hyper);
        }

        /** The posterior mean at one point. */
        double at(double[] point) {
            double l2 = hyper.lengthScale() * hyper.lengthScale();
            double signal = hyper.signal();
            double mu = 0;
            for (int i = 0; i < x.length; i++) {
                double[] xi = x[i];
                double k = 1;
                for (int j = 0; j < point.length; j++) {
                    k *= factor(point[j], xi[j], l2);
                }
                mu += signal * k * alpha[i];
            }
            return mu;
        }

        /**
         * The posterior mean at each of {@code points}, equal to {@link #at} for each: the factors of one feature
         * value are computed once per block of points that share it (a configuration space repeats each option's
         * few values across many points), so a point costs multiplications, not an exponential per training point.
         */
        double[] atAll(double[][] points) {
            double l2 = hyper.lengthScale() * hyper.lengthScale();
            double signal = hyper.signal();
            double[] out = new double[points.length];
            int n = x.length;
            for (int from = 0; from < points.length; from += BLOCK) {
                int to = Math.min(points.length, from + BLOCK);
                int p = points[from].length;
                // per feature: the distinct values of the block, and each one's factors against every training point
                int[][] slot = new int[p][to - from];
                double[][][] factors = new double[p][][];
                for (int j = 0; j < p; j++) {
                    Map<Double, Integer> seen = new HashMap<>();
                    List<double[]> rows = new ArrayList<>();
                    for (int q = from; q < to; q++) {
                        double v = points[q][j];
                        Integer at = seen.get(v);
                        if (at == null) {
                            at = rows.size();
                            seen.put(v, at);
                            double[] f = new double[n];
                            for (int i = 0; i < n; i++) {
                                f[i] = factor(v, x[i][j], l2);
                            }
                            rows.add(f);
                        }
                        slot[j][q - from] = at;
                    }
                    factors[j] = rows.toArray(double[][]::new);
                }
                double[][] chosen = new double[p][];
                for (int q = from; q < to; q++) {
                    for (int j = 0; j < p; j++) {
                        chosen[j] = factors[j][slot[j][q - from]];
                    }
                    double mu = 0;
                    for (int i = 0; i < n; i++) {
                        double k = 1;
                        for (int j = 0; j < p; j++) {
                            k *= chosen[j][i];
                        }
                        mu += signal * k * alpha[i];
                    }
                    out[q] = mu;
                }
            }
            return out;
        }

        private static double factor(double a, double b, double l2) {
            double t = a - b;
            return Math.exp(-0.5 * t * t / l2);
        }
    }
}
