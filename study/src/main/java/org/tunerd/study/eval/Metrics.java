package org.tunerd.study.eval;

import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.optimize.Optimizer;

/**
 * Prediction-error and optimisation metrics of the study beyond the MAPE ({@link Accuracy#mape}, the product's).
 * Each takes true values and predictions in the same order.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * Normalised mean squared error: the mean squared error divided by the (population) variance of the
     * true values, so 0 is perfect and 1 is no better than predicting the mean. Infinite when the true
     * values are all equal and the predictions are not exact.
     */
    public static double nmse(double[] truth, double[] predicted) {
        check(truth, predicted);
        int n = truth.length;
        double mean = 0;
        for (double y : truth) {
            mean += y / n;
        }
        double mse = 0;
        double var = 0;
        for (int i = 0; i < n; i++) {
            mse += (predicted[i] - truth[i]) * (predicted[i] - truth[i]) / n;
            var += (truth[i] - mean) * (truth[i] - mean) / n;
        }
        if (var == 0) {
            return mse == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return mse / var;
    }

    /**
     * Optimisation regret in %: the true value of the configuration predicted best (lowest prediction,
     * first on ties) relative to the best true value, {@code 100 * (y[argmin p] - min y) / min y}.
     * The truth is the measured rows, so the optimum is the best measured configuration.
     */
    public static double regret(double[] truth, double[] predicted) {
        check(truth, predicted);
        double best = truth[Optimizer.argmin(truth)];
        if (best <= 0) {
            throw new IllegalArgumentException("regret in % needs a positive optimum, got " + best);
        }
        return 100 * (truth[Optimizer.argmin(predicted)] - best) / best;
    }

    private static void check(double[] truth, double[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true values but " + predicted.length + " predictions");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no values to compare");
        }
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: truth " + truth[i] + ", prediction "
                        + predicted[i]);
            }
        }
    }
}
