package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.data.Metric;

/**
 * The automatic learner: per metric, among several candidate predictors, picks the one with the lowest
 * leave-one-out error (mean absolute log error, i.e. about the relative error) on the target samples at
 * hand, then refits it on all samples. Candidates are cheap (milliseconds per fit), so the whole choice
 * stays within a fit-time budget of well under a second for 19 samples.
 */
public final class AutoPredictor implements Predictors.Predictor {

    private final List<Predictors.Predictor> candidates;
    private volatile String lastChoice = "";

    public AutoPredictor(List<Predictors.Predictor> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the automatic learner needs candidates");
        }
        this.candidates = List.copyOf(candidates);
    }

    /** Chooses among the stacked GP with fixed and with likelihood-chosen kernels, ridge only, and the log shift. */
    public static AutoPredictor standard() {
        return new AutoPredictor(List.of(
                Predictors.stacked("stacked-gp", StackedGp.standard()),
                Predictors.stacked("stacked-gp-ml", new StackedGp(true, Double.NaN, StackedGp.GpMode.MAXIMUM_LIKELIHOOD,
                        0.5, 0.1)),
                Predictors.stacked("stacked-ridge", new StackedGp(true, Double.NaN, StackedGp.GpMode.NONE, 0.5, 0.1)),
                Predictors.logShift()));
    }

    @Override
    public String name() {
        return "auto";
    }

    /** The name of the candidate chosen by the latest {@link #predictLog} call (for reports). */
    public String lastChoice() {
        return lastChoice;
    }

    /** Leave-one-out mean absolute log error of {@code p} on the samples. */
    public static double looError(Predictors.Predictor p, TransferFeatures f, Metric metric, int[] train, double[] logY) {
        int n = train.length;
        double err = 0;
        for (int out = 0; out < n; out++) {
            int[] t = new int[n - 1];
            double[] y = new double[n - 1];
            for (int k = 0, j = 0; k < n; k++) {
                if (k != out) {
                    t[j] = train[k];
                    y[j++] = logY[k];
                }
            }
            double pred = p.predictLog(f, metric, t, y)[train[out]];
            err += Math.abs(pred - logY[out]) / n;
        }
        return err;
    }

    @Override
    public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (train.length < 4) {
            lastChoice = candidates.get(0).name();
            return candidates.get(0).predictLog(f, metric, train, logY);
        }
        List<Double> errors = new ArrayList<>();
        Predictors.Predictor best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (Predictors.Predictor p : candidates) {
            double e = looError(p, f, metric, train, logY);
            errors.add(e);
            if (e < bestError) {
                bestError = e;
                best = p;
            }
        }
        lastChoice = best.name();
        return best.predictLog(f, metric, train, logY);
    }
}
