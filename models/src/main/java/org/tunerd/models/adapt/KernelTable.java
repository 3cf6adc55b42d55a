package org.tunerd.models.adapt;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A GP kernel between the candidates of one feature view, remembered pair by pair: the part that does not
 * depend on the signal variance ({@link GaussianProcess#kernelUnit}) is computed the first time a pair is
 * asked for and kept, so that the many GPs the nested leave-one-out choices of one fit make on subsets of the
 * same few samples ({@link TrainingMemo}) evaluate each pair's exponentials once. Every value is the one
 * {@link GaussianProcess#kernel(double[], double[], GaussianProcess.Hyper, GaussianProcess.Kernel)} gives for
 * the inputs, bit for bit. Holds {@code size (size + 1) / 2} pairs, so it is meant for at most
 * {@value #MAX_SIZE} candidates. Not thread-safe: it fills itself as it is read (kept within one thread's
 * {@link TrainingMemo#within} scope).
 */
final class KernelTable {

    /** The most candidates a table is made for ({@code MAX_SIZE^2 / 2} pairs, one double each). */
    static final int MAX_SIZE = 256;

    private final IntFunction<double[]> input;
    private final int size;
    private final int width;
    private final double lengthScale;
    private final GaussianProcess.Kernel shape;
    /** the signal-free kernel of pair (a, b), a >= b, at {@code a (a + 1) / 2 + b}; NaN until computed */
    private final double[] units;

    /**
     * The kernel of shape {@code shape} with length scale {@code lengthScale} between the inputs
     * {@code input.apply(i)} of candidates {@code 0..size-1} (all of one width; read when a pair is first asked
     * for, and expected not to change).
     *
     * @throws IllegalArgumentException for no or more than {@value #MAX_SIZE} candidates, or a length scale that
     *                                  is not positive
     */
    KernelTable(int size, IntFunction<double[]> input, double lengthScale, GaussianProcess.Kernel shape) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a kernel table is for 1 to " + MAX_SIZE + " candidates, got " + size);
        }
        if (!(lengthScale > 0)) {
            throw new IllegalArgumentException("kernel length scale must be positive, got " + lengthScale);
        }
        this.input = input;
        this.size = size;
        this.width = Math.max(input.apply(0).length, 1);
        this.lengthScale = lengthScale;
        this.shape = shape;
        this.units = new double[size * (size + 1) / 2];
        Arrays.fill(units, Double.NaN);
    }

    /**
     * The kernel between candidates {@code a} and {@code b} with signal variance {@code signal}, without
     * noise: {@code GaussianProcess.kernel(input(a), input(b), new Hyper(lengthScale, signal, any), shape)}.
     */
    double kernel(int a, int b, double signal) {
        int hi = Math.max(a, b);
        int lo = Math.min(a, b);
        if (lo < 0 || hi >= size) {
            throw new IndexOutOfBoundsException("candidates " + a + " and " + b + " of " + size);
        }
        int at = hi * (hi + 1) / 2 + lo;
        double u = units[at];
        if (Double.isNaN(u)) {
            u = GaussianProcess.kernelUnit(input.apply(hi), input.apply(lo), lengthScale, shape);
            units[at] = u;
        }
        return GaussianProcess.kernelFromUnit(u, width, signal, shape);
    }

    /**
     * The covariance matrix of the candidates {@code points} under {@code h} (noise on the diagonal):
     * {@link GaussianProcess#covariance} of their inputs, bit for bit.
     *
     * @throws IllegalArgumentException if {@code h}'s length scale is not this table's
     */
    double[][] covariance(int[] points, GaussianProcess.Hyper h) {
        if (h.lengthScale() != lengthScale) {
            throw new IllegalArgumentException("kernel table of length scale " + lengthScale + " asked for "
                    + h.lengthScale());
        }
        int n = points.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel(points[i], points[j], h.signal());
                k[i][j] = v;
                k[j][i] = v;
            }
            k[i][i] += h.noise();
        }
        return k;
    }

    /** The kernel (signal variance {@code signal}) between candidate {@code c} and each of {@code points}. */
    double[] row(int c, int[] points, double signal) {
        double[] k = new double[points.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = kernel(c, points[i], signal);
        }
        return k;
    }
}
