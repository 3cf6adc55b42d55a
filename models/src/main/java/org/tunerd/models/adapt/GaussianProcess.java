package org.tunerd.models.adapt;

import java.util.Arrays;

/**
 * Gaussian-process regression with Gaussian noise around a constant mean (0, or the training mean), with one
 * of four kernel shapes ({@link Kernel}) built from the squared exponential
 * {@code k(a, b) = signal * exp(-|a - b|^2 / (2 lengthScale^2))}. Inputs are expected on a common scale, e.g.
 * normalised to [0, 1]. Factored by the hand-written {@link Cholesky}: meant for the target side's few
 * samples (the source smoother's large matrices go through {@link SourceSmoother}).
 *
 * <p>Immutable once fitted; {@link #predict} gives the posterior mean and variance of the latent function.
 */
public final class GaussianProcess {

    /**
     * Kernel settings.
     *
     * @param lengthScale length scale of the squared exponentials, in units of the normalised inputs
     * @param signal      prior variance of the function
     * @param noise       variance of the observation noise
     */
    public record Hyper(double lengthScale, double signal, double noise) {
        public Hyper {
            if (!(lengthScale > 0) || !(signal > 0) || !(noise >= 0)) {
                throw new IllegalArgumentException("GP hyper-parameters must be positive: " + lengthScale + ", "
                        + signal + ", " + noise);
            }
        }
    }

    /** A posterior mean and variance. */
    public record Prediction(double mean, double variance) {
        public double sd() {
            return Math.sqrt(Math.max(variance, 0));
        }
    }

    /** The kernel's shape, each scaled by the signal variance. */
    public enum Kernel {
        /** One squared exponential over all inputs. */
        RBF,
        /**
         * Half the RBF plus half the mean of one-dimensional squared exponentials, one per input, so that main
         * effects of single options (for example a non-monotone effect of one frequency) are learnt from few
         * points without needing neighbours in every other dimension.
         */
        ADDITIVE,
        /** The mean of the one-dimensional squared exponentials alone (main effects only). */
        ADDITIVE_ONLY,
        /** The mean of the RBF, the main effects and the pairwise products of the one-dimensional kernels. */
        SECOND_ORDER
    }

    private final double[][] x;
    private final Hyper hyper;
    private final Kernel shape;
    private final double mean;
    private final double[] alpha;
    private final Cholesky chol;

    private GaussianProcess(double[][] x, Hyper hyper, Kernel shape, double mean, double[] alpha, Cholesky chol) {
        this.x = x;
        this.shape = shape;
        this.hyper = hyper;
        this.mean = mean;
        this.alpha = alpha;
        this.chol = chol;
    }

    /** Fits with the given kernel; {@code centre} subtracts the training mean first (else the prior mean is 0). */
    public static GaussianProcess fit(double[][] x, double[] y, Hyper hyper, boolean centre) {
        return fit(x, y, hyper, centre, Kernel.RBF);
    }

    /** As {@link #fit(double[][], double[], Hyper, boolean)} with the kernel shape {@code shape}. */
    public static GaussianProcess fit(double[][] x, double[] y, Hyper hyper, boolean centre, Kernel shape) {
        return fit(x, y, hyper, centre, shape, null);
    }

    /**
     * As {@link #fit(double[][], double[], Hyper, boolean, Kernel)} with observation {@code i} given the noise
     * variance {@code hyper.noise() + extraNoise[i]} ({@code null}: none extra): a heteroscedastic GP, for
     * observations known to be less reliable than others.
     */
    public static GaussianProcess fit(double[][] x, double[] y, Hyper hyper, boolean centre, Kernel shape,
                                      double[] extraNoise) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("GP needs matching, non-empty inputs and targets: " + x.length + " and "
                    + y.length);
        }
        double[][] k = covariance(x, hyper, shape);
        if (extraNoise != null) {
            for (int i = 0; i < k.length; i++) {
                k[i][i] += extraNoise[i];
            }
        }
        return fit(x, k, y, hyper, centre, shape);
    }

    /**
     * As {@link #fit(double[][], double[], Hyper, boolean, Kernel, double[])} given the covariance matrix
     * {@code k} that fit would build ({@link #covariance} of {@code x}, plus any extra noise on the diagonal):
     * the same process, bit for bit, for a caller that has the kernel between these points already. Neither
     * {@code x} nor {@code k} is modified.
     */
    static GaussianProcess fit(double[][] x, double[][] k, double[] y, Hyper hyper, boolean centre, Kernel shape) {
        if (x.length == 0 || x.length != y.length || k.length != x.length) {
            throw new IllegalArgumentException("GP needs matching, non-empty inputs, targets and covariance: "
                    + x.length + ", " + y.length + " and " + k.length);
        }
        double m = centre ? Arrays.stream(y).average().orElseThrow() : 0;
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        Cholesky c = Cholesky.of(k);
        double[] yc = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yc[i] = y[i] - m;
        }
        return new GaussianProcess(copy, hyper, shape, m, c.solve(yc), c);
    }

    /**
     * Fits with the kernel of highest marginal likelihood over a grid of length scales and noise fractions
     * (the signal variance is profiled out in closed form).
     */
    public static GaussianProcess fitMaximumLikelihood(double[][] x, double[] y, boolean centre) {
        double m = centre ? Arrays.stream(y).average().orElseThrow() : 0;
        int n = y.length;
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - m;
        }
        double best = Double.POSITIVE_INFINITY;
        Hyper bestHyper = null;
        for (double ls : new double[] {0.2, 0.3, 0.45, 0.7, 1.0, 1.5, 2.5}) {
            for (double fraction : new double[] {0.01, 0.03, 0.1, 0.3, 1.0}) {
                Cholesky c = Cholesky.of(covariance(x, new Hyper(ls, 1, fraction)));
                double[] a = c.solve(yc);
                double quad = 0;
                for (int i = 0; i < n; i++) {
                    quad += yc[i] * a[i];
                }
                double signal = Math.max(quad / n, 1e-12);
                double nll = 0.5 * n * Math.log(signal) + 0.5 * c.logDet();
                if (nll < best) {
                    best = nll;
                    bestHyper = new Hyper(ls, signal, signal * fraction);
                }
            }
        }
        return fit(x, y, bestHyper, centre);
    }

    static double[][] covariance(double[][] x, Hyper h) {
        return covariance(x, h, Kernel.RBF);
    }

    /** The covariance matrix of the points {@code x} under kernel {@code shape} with {@code h} (noise on the diagonal). */
    public static double[][] covariance(double[][] x, Hyper h, Kernel shape) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = kernel(x[i], x[j], h, shape);
                k[i][j] = v;
                k[j][i] = v;
            }
            k[i][i] += h.noise();
        }
        return k;
    }

    static double kernel(double[] a, double[] b, Hyper h) {
        return kernel(a, b, h, Kernel.RBF);
    }

    /** The covariance of {@code a} and {@code b} under kernel {@code shape} with {@code h}, without noise. */
    public static double kernel(double[] a, double[] b, Hyper h, Kernel shape) {
        return kernelFromUnit(kernelUnit(a, b, h.lengthScale(), shape), Math.max(a.length, 1), h.signal(), shape);
    }

    /**
     * The part of {@link #kernel(double[], double[], Hyper, Kernel)} between {@code a} and {@code b} that does
     * not depend on the signal variance (see {@link #kernelFromUnit}). Symmetric in {@code a} and {@code b}, bit
     * for bit.
     */
    static double kernelUnit(double[] a, double[] b, double lengthScale, Kernel shape) {
        double d = 0;
        double sum = 0;
        double sumSq = 0;
        double l2 = lengthScale * lengthScale;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            d += t * t;
            if (shape != Kernel.RBF) {
                double kj = Math.exp(-0.5 * t * t / l2);
                sum += kj;
                sumSq += kj * kj;
            }
        }
        return kernelUnit(Math.exp(-0.5 * d / l2), sum, sumSq, Math.max(a.length, 1), shape);
    }

    /**
     * The kernel with signal variance {@code signal} from its signal-free part {@code unit}
     * ({@link #kernelUnit}) of inputs of width {@code p} (at least 1): equal, bit for bit, to
     * {@link #kernel(double[], double[], Hyper, Kernel)} of those inputs.
     */
    static double kernelFromUnit(double unit, int p, double signal, Kernel shape) {
        return switch (shape) {
            case RBF -> signal * unit;
            case ADDITIVE -> signal * 0.5 * unit;
            case ADDITIVE_ONLY -> signal * unit / p;
            case SECOND_ORDER -> signal * unit / 3;
        };
    }

    /** The signal-free part of the kernel from the RBF, and the sum and sum of squares of the 1-D kernels. */
    private static double kernelUnit(double rbf, double sum, double sumSq, int p, Kernel shape) {
        return switch (shape) {
            case RBF -> rbf;
            case ADDITIVE -> rbf + sum / p;
            case ADDITIVE_ONLY -> sum;
            case SECOND_ORDER -> {
                // mean of the pairwise products k_i k_j (i < j) by Newton's identity
                double pairs = p > 1 ? 0.5 * (sum * sum - sumSq) / (p * (p - 1) / 2.0) : 0;
                yield rbf + sum / p + pairs;
            }
        };
    }

    public Kernel kernel() {
        return shape;
    }

    public Hyper hyper() {
        return hyper;
    }

    public int size() {
        return x.length;
    }

    /** Posterior mean and latent variance at {@code point}. */
    public Prediction predict(double[] point) {
        double[] k = new double[x.length];
        double mu = mean;
        for (int i = 0; i < x.length; i++) {
            k[i] = kernel(point, x[i], hyper, shape);
            mu += k[i] * alpha[i];
        }
        double[] v = chol.forward(k);
        double var = hyper.signal();
        for (double t : v) {
            var -= t * t;
        }
        return new Prediction(mu, Math.max(var, 0));
    }

    /**
     * The posterior mean at a point whose kernel (without noise) with training point {@code i} is
     * {@code kernels[i]}: {@link #mean(double[])} of that point, bit for bit.
     */
    double meanGivenKernels(double[] kernels) {
        if (kernels.length != x.length) {
            throw new IllegalArgumentException(kernels.length + " kernel values for " + x.length + " training points");
        }
        double mu = mean;
        for (int i = 0; i < x.length; i++) {
            mu += kernels[i] * alpha[i];
        }
        return mu;
    }

    /** Posterior mean only (cheaper than {@link #predict}). */
    public double mean(double[] point) {
        double mu = mean;
        for (int i = 0; i < x.length; i++) {
            mu += kernel(point, x[i], hyper, shape) * alpha[i];
        }
        return mu;
    }
}
