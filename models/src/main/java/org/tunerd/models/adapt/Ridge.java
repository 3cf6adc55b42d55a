package org.tunerd.models.adapt;

import java.util.Arrays;

/**
 * Ridge regression on standardised features: {@code y = mean(y) + sum_j w_j (x_j - m_j) / s_j}, with the
 * penalty {@code lambda * |w|^2}. A constant feature gets weight 0. The penalty is chosen by exact
 * leave-one-out error from a grid ({@link #fitLoo}), so no per-data-set constant is needed.
 *
 * @param mean      feature means
 * @param scale     feature standard deviations (1 for constant features)
 * @param weights   weights of the standardised features
 * @param intercept mean of the training targets
 * @param lambda    the penalty used
 */
public record Ridge(double[] mean, double[] scale, double[] weights, double intercept, double lambda) {

    /** Penalties tried by {@link #fitLoo}. */
    public static final double[] LAMBDAS = {0.03, 0.1, 0.3, 1, 3, 10};

    /** Fits with penalty {@code lambda} (at least 0). */
    public static Ridge fit(double[][] x, double[] y, double lambda) {
        return fit(new Design(x), y, lambda);
    }

    /** As {@link #fit(double[][], double[], double)} on the rows of {@code design}. */
    static Ridge fit(Design design, double[] y, double lambda) {
        return design.fitWithLoo(y, lambda).ridge;
    }

    /**
     * Fits with the penalty from {@link #LAMBDAS} of lowest leave-one-out squared error. The standardised
     * features and their cross products do not depend on the penalty and are computed once for all of them.
     */
    public static Ridge fitLoo(double[][] x, double[] y) {
        return fitLoo(new Design(x), y);
    }

    /**
     * As {@link #fitLoo(double[][], double[])} on the rows of {@code design}: the same ridge, bit for bit, with
     * what depends only on the rows (standardisation, cross products, factors and leverages per penalty) taken
     * from {@code design}, which several targets on the same rows can share.
     */
    static Ridge fitLoo(Design design, double[] y) {
        Fitted best = null;
        for (double lambda : LAMBDAS) {
            Fitted f = design.fitWithLoo(y, lambda);
            if (best == null || f.looMse < best.looMse) {
                best = f;
            }
        }
        return best.ridge;
    }

    private record Fitted(Ridge ridge, double looMse) {
    }

    /**
     * What a ridge on the rows {@code x} computes before it reads the targets: the standardised features
     * {@code z}, {@code z'z}, and per penalty the Cholesky factor of {@code z'z + lambda I} and every sample's
     * leverage {@code h_ii} (computed on first use of the penalty, once). Fits to any targets on these rows
     * ({@link #fit(Design, double[], double)}, {@link #fitLoo(Design, double[])}) are those made from the
     * rows directly, bit for bit. Not thread-safe; nothing read from it is modified.
     */
    static final class Design {
        private final int n;
        private final int p;
        private final double[] m;
        private final double[] s;
        private final double[][] z;
        /** z transposed: row j holds feature j of every sample */
        private final double[][] zt;
        private final double[][] gram;
        private final java.util.Map<Double, Penalised> penalised = new java.util.HashMap<>();

        /** The factor of {@code z'z + lambda I} and the leverages of one penalty. */
        private record Penalised(Cholesky factor, double[] leverage) {
        }

        Design(double[][] x) {
            n = x.length;
            if (n == 0) {
                throw new IllegalArgumentException("ridge needs non-empty rows: " + n + " rows");
            }
            p = x[0].length;
            m = new double[p];
            s = new double[p];
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    m[j] += row[j] / n;
                }
            }
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    s[j] += (row[j] - m[j]) * (row[j] - m[j]) / n;
                }
            }
            boolean[] constant = new boolean[p];
            for (int j = 0; j < p; j++) {
                s[j] = Math.sqrt(s[j]);
                if (!(s[j] > 1e-12)) {
                    s[j] = 1;
                    constant[j] = true;
                }
            }
            z = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[i][j] = constant[j] ? 0 : (x[i][j] - m[j]) / s[j];
                }
            }
            zt = new double[p][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    zt[j][i] = z[i][j];
                }
            }
            gram = new double[p][p];
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                for (int j = 0; j < p; j++) {
                    double[] gj = gram[j];
                    // the lower triangle; the upper is its mirror (the same products summed in the same order)
                    for (int k = 0; k <= j; k++) {
                        gj[k] += zi[j] * zi[k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = j + 1; k < p; k++) {
                    gram[j][k] = gram[k][j];
                }
            }
        }

        private Penalised penalised(double lambda) {
            Penalised known = penalised.get(lambda);
            if (known != null) {
                return known;
            }
            double[][] a = new double[p][];
            for (int j = 0; j < p; j++) {
                a[j] = gram[j].clone();
                a[j][j] += Math.max(lambda, 1e-9);
            }
            Cholesky c = Cholesky.of(a);
            // h_ii = 1/n + z_i A^-1 z_i = 1/n + |L^-1 z_i|^2, the forward solves of all samples at once
            // (column i of vt is L^-1 z_i)
            double[][] vt = c.forwardColumns(zt);
            double[] h = new double[n];
            java.util.Arrays.fill(h, 1.0 / n);
            for (int j = 0; j < p; j++) {
                double[] vj = vt[j];
                for (int i = 0; i < n; i++) {
                    h[i] += vj[i] * vj[i];
                }
            }
            Penalised made = new Penalised(c, h);
            penalised.put(lambda, made);
            return made;
        }

        Fitted fitWithLoo(double[] y, double lambda) {
            if (y.length != n) {
                throw new IllegalArgumentException("ridge needs matching, non-empty rows and targets: " + n + " rows, "
                        + y.length + " targets");
            }
            if (!(lambda >= 0)) {
                throw new IllegalArgumentException("ridge penalty must be >= 0, got " + lambda);
            }
            double ym = Arrays.stream(y).average().orElseThrow();
            double[] b = new double[p];
            for (int i = 0; i < n; i++) {
                double[] zi = z[i];
                for (int j = 0; j < p; j++) {
                    b[j] += zi[j] * (y[i] - ym);
                }
            }
            Penalised pen = penalised(lambda);
            double[] w = pen.factor().solve(b);
            // exact leave-one-out residuals: e_i / (1 - h_ii)
            double[] h = pen.leverage();
            double[] fit = new double[n];
            java.util.Arrays.fill(fit, ym);
            for (int j = 0; j < p; j++) {
                double[] zj = zt[j];
                double wj = w[j];
                for (int i = 0; i < n; i++) {
                    fit[i] += wj * zj[i];
                }
            }
            double loo = 0;
            for (int i = 0; i < n; i++) {
                double e = (y[i] - fit[i]) / Math.max(1 - h[i], 1e-6);
                loo += e * e / n;
            }
            return new Fitted(new Ridge(m.clone(), s.clone(), w, ym, lambda), loo);
        }
    }

    public double predict(double[] x) {
        double v = intercept;
        for (int j = 0; j < weights.length; j++) {
            v += weights[j] * (x[j] - mean[j]) / scale[j];
        }
        return v;
    }
}
