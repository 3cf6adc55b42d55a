package org.tunerd.models.adapt;

/**
 * How far to trust a source, learned from the target samples: the weight {@code w} in [0, 1] of the transfer
 * model in the mixture {@code w * transfer + (1 - w) * scratch} ({@code scratch} is {@link ScratchGp}). The
 * source is the prior, so it keeps weight 1 unless the samples show the from-scratch model predicting them
 * better: when the scratch model's leave-one-out error {@code es} (mean absolute log error) is below the
 * transfer model's {@code et}, {@code w = (1 / et^2) / (1 / et^2 + 1 / es^2)}, the same inverse-square weighting
 * several sources get ({@link SourceAverage}). A source that misleads gets a weight near 0, so the search
 * degrades to a from-scratch search, not below it; a source that is as good as the samples alone is kept
 * whole (the samples alone know nothing far from themselves, which their held-out error cannot show).
 * The mixture's variance is the mixture's: {@code w vt + (1 - w) vs + w (1 - w) (mt - ms)^2}.
 */
final class SourceTrust {

    /** Fewer samples than this: the source is trusted (leave-one-out on so few says nothing). */
    static final int MIN_SAMPLES = 5;

    private SourceTrust() {
    }

    /** The weight of the transfer model, from the measured log values and both models' held-out predictions. */
    static double weight(double[] y, double[] transferLoo, double[] scratchLoo) {
        double et = 0;
        double es = 0;
        for (int k = 0; k < y.length; k++) {
            et += Math.abs(y[k] - transferLoo[k]) / y.length;
            es += Math.abs(y[k] - scratchLoo[k]) / y.length;
        }
        if (!(es < et)) {
            return 1;
        }
        return SourceAverage.weights(new double[] {et, es})[0];
    }

    /** The mean of {@link #mix}: {@code w * transfer + (1 - w) * scratch}, or {@code transfer} for {@code w >= 1}. */
    static double mixMean(double w, double transfer, double scratch) {
        return w >= 1 ? transfer : w * transfer + (1 - w) * scratch;
    }

    /** The mixture of two predictions with weight {@code w} on {@code transfer}. */
    static GaussianProcess.Prediction mix(double w, GaussianProcess.Prediction transfer,
                                          GaussianProcess.Prediction scratch) {
        if (w >= 1) {
            return transfer;
        }
        double d = transfer.mean() - scratch.mean();
        return new GaussianProcess.Prediction(mixMean(w, transfer.mean(), scratch.mean()),
                w * transfer.variance() + (1 - w) * scratch.variance() + w * (1 - w) * d * d);
    }
}
