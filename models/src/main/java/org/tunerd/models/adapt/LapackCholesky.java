package org.tunerd.models.adapt;

import smile.math.blas.LAPACK;
import smile.math.blas.Layout;
import smile.math.blas.UPLO;

/**
 * Solves {@code A x = b} for a large symmetric positive-definite {@code A} with LAPACK's Cholesky
 * factorisation ({@code dpotrf}, then {@code dpotrs}) through Smile's binding of OpenBLAS: the source
 * smoother's kernel matrices (300 to 1000 points) factor 4.5-6.5x faster than with the hand-written
 * {@link Cholesky}, which stays in use for the few target samples (there the native call costs more than it
 * saves, and its results are kept bit for bit). Diagonal jitter is added by {@link Cholesky}'s rule when
 * rounding makes the matrix indefinite.
 */
final class LapackCholesky {

    private LapackCholesky() {
    }

    /**
     * The solution of {@code a x = b} ({@code a} and {@code b} are not modified; {@code a}'s upper triangle is
     * read).
     *
     * @throws IllegalArgumentException if {@code a} is not positive definite even with the largest jitter
     */
    static double[] solve(double[][] a, double[] b) {
        int n = a.length;
        if (b.length != n) {
            throw new IllegalArgumentException("matrix of size " + n + " but right-hand side of size " + b.length);
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        double jitter = 0;
        for (int attempt = 0; attempt < Cholesky.ATTEMPTS; attempt++) {
            double[] factor = columnMajor(a, jitter);
            if (LAPACK.engine.potrf(Layout.COL_MAJOR, UPLO.LOWER, n, factor, n) == 0) {
                double[] x = b.clone();
                int info = LAPACK.engine.potrs(Layout.COL_MAJOR, UPLO.LOWER, n, 1, factor, n, x, n);
                if (info != 0) {
                    throw new IllegalStateException("LAPACK dpotrs failed with code " + info + " on size " + n);
                }
                return x;
            }
            jitter = Cholesky.nextJitter(jitter, scale);
        }
        throw new IllegalArgumentException("matrix of size " + n + " is not positive definite");
    }

    /**
     * The lower triangle of {@code a} plus {@code jitter} on the diagonal, column by column: column {@code j} of
     * the lower triangle is row {@code j} of the upper one, read in memory order ({@code a} is symmetric).
     */
    private static double[] columnMajor(double[][] a, double jitter) {
        int n = a.length;
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(a[j], j, out, j * n + j, n - j);
            out[j * n + j] += jitter;
        }
        return out;
    }
}
