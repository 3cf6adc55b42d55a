package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.Arrays;
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
         * The posterior mean at each of {@code points}, equal to {@link #at} for each, bit for bit: the same
         * factors, multiplied in the same order, summed over the training points in the same order. What is
         * shared is computed once:
         * <ul>
         *   <li>the factors of one feature value against every training point, per value, kept from block to
         *       block of {@value #BLOCK} points while a feature has at most {@value #BLOCK} distinct values in
         *       the tables (a configuration space repeats each option's few values across many points);</li>
         *   <li>the product of a point's factors but the last feature's, once for consecutive points that
         *       share those values (points in a space's order often do), and the value once for consecutive
         *       equal points;</li>
         *   <li>the sums of {@value #LANES} points accumulate side by side in one pass over the training points,
         *       each in its own order, so that they do not wait for one another.</li>
         * </ul>
         * Memory: the factor tables hold at most features x {@value #BLOCK} x training points values.
         */
        double[] atAll(double[][] points) {
            double l2 = hyper.lengthScale() * hyper.lengthScale();
            double signal = hyper.signal();
            double[] out = new double[points.length];
            if (points.length == 0) {
                return out;
            }
            int n = x.length;
            int p = points[0].length;
            if (p == 0) {
                Arrays.fill(out, at(points[0]));
                return out;
            }
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            List<Map<Double, Integer>> seen = new ArrayList<>();
            List<List<double[]>> rows = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                seen.add(new HashMap<>());
                rows.add(new ArrayList<>());
            }
            double[][] buffers = new double[LANES][n];
            double[][] shared = new double[LANES][];
            double[][] lanes = new double[LANES][];
            int[] lanePoint = new int[LANES];
            for (int from = 0; from < points.length; from += BLOCK) {
                int to = Math.min(points.length, from + BLOCK);
                int m = to - from;
                // slot[q][j]: the row of factors of point from + q's value of feature j
                int[][] slot = new int[m][p];
                for (int j = 0; j < p; j++) {
                    Map<Double, Integer> at = seen.get(j);
                    List<double[]> rj = rows.get(j);
                    if (rj.size() > BLOCK - m) {
                        at.clear();
                        rj.clear();
                    }
                    for (int q = 0; q < m; q++) {
                        double v = points[from + q][j];
                        Integer r = at.get(v);
                        if (r == null) {
                            r = rj.size();
                            at.put(v, r);
                            double[] f = new double[n];
                            for (int i = 0; i < n; i++) {
                                f[i] = factor(v, x[i][j], l2);
                            }
                            rj.add(f);
                        }
                        slot[q][j] = r;
                    }
                }
                int lane = 0;
                for (int q = 0; q < m; q++) {
                    int[] here = slot[q];
                    if (q > 0 && Arrays.equals(here, slot[q - 1])) {
                        continue; // equal to the previous point: filled in below
                    }
                    // the previous lane's product when this point shares its values but the last feature's
                    boolean same = lane > 0
                            && Arrays.equals(here, 0, p - 1, slot[lanePoint[lane - 1] - from], 0, p - 1);
                    shared[lane] = same ? shared[lane - 1] : prefix(here, p, rows, ones, buffers[lane]);
                    lanes[lane] = rows.get(p - 1).get(here[p - 1]);
                    lanePoint[lane++] = from + q;
                    if (lane == LANES) {
                        sums(shared, lanes, lane, signal, lanePoint, out);
                        lane = 0;
                    }
                }
                sums(shared, lanes, lane, signal, lanePoint, out);
                for (int q = 1; q < m; q++) {
                    if (Arrays.equals(slot[q], slot[q - 1])) {
                        out[from + q] = out[from + q - 1];
                    }
                }
            }
            return out;
        }

        /** Points whose sums {@link #atAll} accumulates side by side. */
        static final int LANES = 4;

        /**
         * The product, per training point, of the factors of {@code slots}' features but the last, in feature
         * order (what {@link #at}'s product holds before its last factor; all ones without such features),
         * written into {@code into} unless there is one such feature (then that row itself).
         */
        private static double[] prefix(int[] slots, int p, List<List<double[]>> rows, double[] ones, double[] into) {
            if (p <= 1) {
                return ones;
            }
            double[] first = rows.get(0).get(slots[0]);
            if (p == 2) {
                return first;
            }
            System.arraycopy(first, 0, into, 0, into.length);
            for (int j = 1; j < p - 1; j++) {
                double[] f = rows.get(j).get(slots[j]);
                for (int i = 0; i < into.length; i++) {
                    into[i] *= f[i];
                }
            }
            return into;
        }

        /**
         * {@code out[point[l]] = sum_i signal * (shared[l][i] * last[l][i]) * alpha[i]} for the first
         * {@code count} lanes, each summed in training-point order ({@link #at}'s arithmetic:
         * {@code shared[l][i] * last[l][i]} is its product of factors).
         */
        private void sums(double[][] shared, double[][] last, int count, double signal, int[] point, double[] out) {
            int n = alpha.length;
            if (count == LANES) {
                double[] s0 = shared[0];
                double[] s1 = shared[1];
                double[] s2 = shared[2];
                double[] s3 = shared[3];
                double[] r0 = last[0];
                double[] r1 = last[1];
                double[] r2 = last[2];
                double[] r3 = last[3];
                double m0 = 0;
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                for (int i = 0; i < n; i++) {
                    double a = alpha[i];
                    m0 += signal * (s0[i] * r0[i]) * a;
                    m1 += signal * (s1[i] * r1[i]) * a;
                    m2 += signal * (s2[i] * r2[i]) * a;
                    m3 += signal * (s3[i] * r3[i]) * a;
                }
                out[point[0]] = m0;
                out[point[1]] = m1;
                out[point[2]] = m2;
                out[point[3]] = m3;
                return;
            }
            for (int l = 0; l < count; l++) {
                double[] s = shared[l];
                double[] r = last[l];
                double mu = 0;
                for (int i = 0; i < n; i++) {
                    mu += signal * (s[i] * r[i]) * alpha[i];
                }
                out[point[l]] = mu;
            }
        }

        private static double factor(double a, double b, double l2) {
            double t = a - b;
            return Math.exp(-0.5 * t * t / l2);
        }
    }
}
