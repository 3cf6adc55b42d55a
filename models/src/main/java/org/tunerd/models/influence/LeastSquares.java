package org.tunerd.models.influence;

import java.util.List;

/** Least squares by Householder QR, for the small designs of stepwise regression. */
final class LeastSquares {

    /** Coefficients (one per column) and residual sum of squares. */
    record Fit(double[] coefficients, double rss) {
    }

    private LeastSquares() {
    }

    /**
     * Fits {@code y} on {@code columns} (each of length n; include a column of ones for an intercept).
     * Returns null when the columns are linearly dependent (a column adds nothing to the ones before it).
     */
    static Fit fit(List<double[]> columns, double[] y) {
        int n = y.length;
        int p = columns.size();
        if (p > n) {
            return null;
        }
        double[][] a = new double[p][];
        for (int j = 0; j < p; j++) {
            a[j] = columns.get(j).clone();
        }
        double[] b = y.clone();
        double[] diag = new double[p];
        for (int k = 0; k < p; k++) {
            double[] col = a[k];
            double full = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                full += columns.get(k)[i] * columns.get(k)[i];
            }
            for (int i = k; i < n; i++) {
                norm += col[i] * col[i];
            }
            norm = Math.sqrt(norm);
            if (norm <= 1e-9 * Math.sqrt(full) || norm == 0) {
                return null;
            }
            double alpha = col[k] > 0 ? -norm : norm;
            // v = x - alpha e1, stored in col[k..n)
            col[k] -= alpha;
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += col[i] * col[i];
            }
            for (int j = k + 1; j < p; j++) {
                reflect(col, a[j], k, n, vv);
            }
            reflect(col, b, k, n, vv);
            diag[k] = alpha;
        }
        double[] beta = new double[p];
        for (int k = p - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < p; j++) {
                s -= a[j][k] * beta[j];
            }
            beta[k] = s / diag[k];
        }
        double rss = 0;
        for (int i = p; i < n; i++) {
            rss += b[i] * b[i];
        }
        return new Fit(beta, rss);
    }

    /** target -= 2 v (v.target) / (v.v) over rows k..n. */
    private static void reflect(double[] v, double[] target, int k, int n, double vv) {
        double dot = 0;
        for (int i = k; i < n; i++) {
            dot += v[i] * target[i];
        }
        double f = 2 * dot / vv;
        for (int i = k; i < n; i++) {
            target[i] -= f * v[i];
        }
    }
}
