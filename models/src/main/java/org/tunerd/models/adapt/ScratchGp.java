package org.tunerd.models.adapt;

import org.tunerd.models.space.Configuration;

/**
 * The from-scratch competitor of a transfer model: in log space, a Gaussian process on the target's physical
 * features with a constant mean (the samples' mean) and the transfer model's kernel, length scale and noise
 * fraction (signal variance profiled), fitted on the target samples alone, no source in it. Far from the
 * samples it reverts to their mean with the full signal variance, rather than extrapolating a trend (a ridge
 * here carried the trend of ten samples across the space, with errors of several hundred percent).
 * What a search without a source would believe; {@link SourceTrust} weighs a transfer model against it.
 * Immutable.
 */
final class ScratchGp {

    private final TransferFeatures features;
    private final double mean;
    private final GaussianProcess process;

    private ScratchGp(TransferFeatures features, double mean, GaussianProcess process) {
        this.features = features;
        this.mean = mean;
        this.process = process;
    }

    /** Fits on the candidates {@code train} of {@code f} whose measured log values are {@code logY} (at least 3). */
    static ScratchGp fit(TransferFeatures f, int[] train, double[] logY, GaussianProcess.Kernel kernel,
                         double lengthScale, double noiseFraction) {
        int n = train.length;
        if (n < 3) {
            throw new IllegalArgumentException("a from-scratch model needs at least 3 samples, got " + n);
        }
        double[][] x = new double[n][];
        for (int k = 0; k < n; k++) {
            x[k] = f.physical(train[k]);
        }
        double mean = java.util.Arrays.stream(logY).average().orElseThrow();
        double[] resid = new double[n];
        double quadScale = 0;
        for (int k = 0; k < n; k++) {
            resid[k] = logY[k] - mean;
        }
        Cholesky c = Cholesky.of(GaussianProcess.covariance(x,
                new GaussianProcess.Hyper(lengthScale, 1, noiseFraction), kernel));
        double[] a = c.solve(resid);
        for (int k = 0; k < n; k++) {
            quadScale += resid[k] * a[k];
        }
        double signal = Math.max(quadScale / n, 1e-8);
        GaussianProcess gp = GaussianProcess.fit(x, resid,
                new GaussianProcess.Hyper(lengthScale, signal, signal * noiseFraction), false, kernel);
        return new ScratchGp(f, mean, gp);
    }

    GaussianProcess.Prediction predictLog(int i) {
        return at(features.physical(i));
    }

    GaussianProcess.Prediction predictLog(Configuration c) {
        return at(features.physical(c));
    }

    private GaussianProcess.Prediction at(double[] x) {
        GaussianProcess.Prediction p = process.predict(x);
        return new GaussianProcess.Prediction(mean + p.mean(), Math.max(p.variance(), 1e-8));
    }
}
