package org.tunerd.models.adapt;

/**
 * Cholesky factor {@code L} of a small symmetric positive-definite matrix ({@code A = L L^T}) and the solves
 * built on it, in plain Java: the target side's matrices (a few dozen samples). Adds jitter on the diagonal
 * when rounding makes a matrix indefinite. Large matrices go to {@link LapackCholesky}.
 */
public final class Cholesky {

    /** Factorisations tried, the first without jitter. */
    static final int ATTEMPTS = 6;

    private final double[][] l;

    private Cholesky(double[][] l) {
        this.l = l;
    }

    /** Factors {@code a} (not modified); retries with growing diagonal jitter, fails after {@value #ATTEMPTS} tries. */
    public static Cholesky of(double[][] a) {
        int n = a.length;
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        double jitter = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double[][] l = tryFactor(a, jitter);
            if (l != null) {
                return new Cholesky(l);
            }
            jitter = nextJitter(jitter, scale);
        }
        throw new IllegalArgumentException("matrix of size " + n + " is not positive definite");
    }

    /** The diagonal jitter after {@code jitter} failed, for a matrix whose largest diagonal entry is {@code scale}. */
    static double nextJitter(double jitter, double scale) {
        return jitter == 0 ? Math.max(scale, 1e-300) * 1e-10 : jitter * 100;
    }

    private static double[][] tryFactor(double[][] a, double jitter) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j] + jitter;
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            if (!(d > 0)) {
                return null;
            }
            double djj = Math.sqrt(d);
            lj[j] = djj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                double[] li = l[i];
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                li[j] = s / djj;
            }
        }
        return l;
    }

    int size() {
        return l.length;
    }

    /** Solves {@code L z = b}. */
    double[] forward(double[] b) {
        int n = l.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    /**
     * Solves {@code L Z = B} for many right-hand sides given column by column as the rows of {@code bt}
     * ({@code bt[j][c]} = row {@code j} of column {@code c}): row {@code j} of the result holds row {@code j} of
     * every solution. Each solution equals {@link #forward} of its column bit for bit (the same operations in
     * the same order, the columns side by side).
     */
    double[][] forwardColumns(double[][] bt) {
        int n = l.length;
        if (bt.length != n) {
            throw new IllegalArgumentException(bt.length + " rows of right-hand sides for a factor of size " + n);
        }
        int cols = n == 0 ? 0 : bt[0].length;
        double[][] zt = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] s = bt[i].clone();
            double[] li = l[i];
            for (int k = 0; k < i; k++) {
                double lik = li[k];
                double[] zk = zt[k];
                for (int c = 0; c < cols; c++) {
                    s[c] -= lik * zk[c];
                }
            }
            double d = li[i];
            for (int c = 0; c < cols; c++) {
                s[c] = s[c] / d;
            }
            zt[i] = s;
        }
        return zt;
    }

    /** Solves {@code L^T x = z}. */
    double[] backward(double[] z) {
        int n = l.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** Solves {@code A x = b}. */
    public double[] solve(double[] b) {
        return backward(forward(b));
    }

    /** {@code log det A}. */
    double logDet() {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** The inverse of {@code A} (for leave-one-out formulas on small matrices). */
    double[][] inverse() {
        int n = l.length;
        double[][] inv = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            inv[j] = solve(e);
        }
        return inv;
    }
}
