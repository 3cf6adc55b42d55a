package org.tunerd.models.adapt;

import org.tunerd.models.data.Metric;

/**
 * The transfer model: in log space, {@code y = s_m + ridge([s_lat, s_energy, features]) + gp(features)}
 * where {@code s_m} is the source's value of the same metric (so the ridge shrinks towards a pure
 * multiplicative shift of the source, the "source as prior"), the ridge penalty is chosen by exact
 * leave-one-out error on the target samples, and a Gaussian process models what is left. Both source
 * metrics enter the ridge, so energy borrows from latency and back.
 *
 * @param sourcePrior   predict the residual from the same-metric source value (else the value itself)
 * @param lambda        ridge penalty; {@code NaN} chooses it by leave-one-out
 * @param gp            how the residual GP is set
 * @param lengthScale   GP length scale on the normalised features (for {@link GpMode#FIXED})
 * @param noiseFraction GP noise variance as a fraction of the signal variance (for {@link GpMode#FIXED})
 */
public record StackedGp(boolean sourcePrior, double lambda, GpMode gp, double lengthScale, double noiseFraction) {

    /** How the residual GP's hyper-parameters are set. */
    public enum GpMode {
        /** No GP: ridge only. */
        NONE,
        /** Fixed length scale and noise fraction; the signal variance by maximum likelihood. */
        FIXED,
        /** Length scale and noise fraction by maximum marginal likelihood over a grid. */
        MAXIMUM_LIKELIHOOD
    }

    /** The default: source prior, penalty by leave-one-out, GP length scale 0.5 and noise fraction 0.1. */
    public static StackedGp standard() {
        return new StackedGp(true, Double.NaN, GpMode.FIXED, 0.5, 0.1);
    }

    /** Predicted log values (mean and standard deviation) for every candidate. */
    public record Fit(double[] mean, double[] sd) {
    }

    /**
     * Fits on the candidates {@code train} whose measured log values are {@code logY} and predicts every
     * candidate of {@code f}.
     */
    public Fit fit(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        int n = train.length;
        if (n == 0 || logY.length != n) {
            throw new IllegalArgumentException("need matching, non-empty samples: " + n + " and " + logY.length);
        }
        int size = f.size();
        double[] offset = new double[size];
        if (sourcePrior) {
            for (int i = 0; i < size; i++) {
                offset[i] = f.sourceLog(metric, i);
            }
        }
        double[] base = new double[size];
        double[] resid = new double[n];
        if (n < 3) {
            // too few for a ridge: shift the same-metric source by the mean difference
            double shift = 0;
            for (int k = 0; k < n; k++) {
                shift += (logY[k] - f.sourceLog(metric, train[k])) / n;
            }
            for (int i = 0; i < size; i++) {
                base[i] = f.sourceLog(metric, i) + shift;
            }
        } else {
            double[][] x = new double[n][];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = f.stackRow(train[k]);
                y[k] = logY[k] - offset[train[k]];
            }
            Ridge ridge = Double.isNaN(lambda) ? Ridge.fitLoo(x, y) : Ridge.fit(x, y, lambda);
            for (int i = 0; i < size; i++) {
                base[i] = offset[i] + ridge.predict(f.stackRow(i));
            }
        }
        for (int k = 0; k < n; k++) {
            resid[k] = logY[k] - base[train[k]];
        }
        double[] mean = base.clone();
        double[] sd = new double[size];
        double rms = 0;
        for (double r : resid) {
            rms += r * r / n;
        }
        rms = Math.sqrt(rms);
        if (gp == GpMode.NONE || n < 3) {
            java.util.Arrays.fill(sd, Math.max(rms, 1e-3));
            return new Fit(mean, sd);
        }
        double[][] gx = new double[n][];
        for (int k = 0; k < n; k++) {
            gx[k] = f.physical(train[k]);
        }
        GaussianProcess process = gp == GpMode.MAXIMUM_LIKELIHOOD
                ? GaussianProcess.fitMaximumLikelihood(gx, resid, false)
                : GaussianProcess.fit(gx, resid, profiledHyper(gx, resid), false);
        for (int i = 0; i < size; i++) {
            GaussianProcess.Prediction p = process.predict(f.physical(i));
            mean[i] += p.mean();
            sd[i] = Math.max(p.sd(), 1e-4);
        }
        return new Fit(mean, sd);
    }

    private GaussianProcess.Hyper profiledHyper(double[][] x, double[] r) {
        Cholesky c = Cholesky.of(GaussianProcess.covariance(x, new GaussianProcess.Hyper(lengthScale, 1, noiseFraction)));
        double[] a = c.solve(r);
        double quad = 0;
        for (int i = 0; i < r.length; i++) {
            quad += r[i] * a[i];
        }
        double signal = Math.max(quad / r.length, 1e-8);
        return new GaussianProcess.Hyper(lengthScale, signal, signal * noiseFraction);
    }
}
