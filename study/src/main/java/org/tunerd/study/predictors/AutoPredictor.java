package org.tunerd.study.predictors;

import java.util.List;
import org.tunerd.models.adapt.LeaveOneOut;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Metric;

/**
 * The automatic learner: per metric, among several candidate predictors (in order of preference), picks
 * the one with the lowest leave-one-out error (mean absolute log error, i.e. about the relative error) on
 * the target samples at hand, then refits it on all samples. Candidates are judged in order until the
 * fit-time budget is spent (the first is always judged); every candidate keeps at most a few hundred
 * numbers (a ridge and a GP over the samples), so model size needs no separate budget.
 */
public final class AutoPredictor implements Predictors.Predictor {

    /** Default time for judging candidates, per fit. */
    public static final java.time.Duration DEFAULT_BUDGET = java.time.Duration.ofSeconds(2);

    private final List<Predictors.Predictor> candidates;
    private final long budgetNanos;
    private volatile String lastChoice = "";

    public AutoPredictor(List<Predictors.Predictor> candidates) {
        this(candidates, DEFAULT_BUDGET);
    }

    public AutoPredictor(List<Predictors.Predictor> candidates, java.time.Duration budget) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the automatic learner needs candidates");
        }
        if (budget.isNegative()) {
            throw new IllegalArgumentException("fit-time budget must not be negative, got " + budget);
        }
        this.candidates = List.copyOf(candidates);
        this.budgetNanos = budget.toNanos();
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
        return LeaveOneOut.meanAbsLogError(train, logY, (t, y, heldOut) -> p.predictLog(f, metric, t, y)[heldOut]);
    }

    @Override
    public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        if (train.length < 4) {
            lastChoice = candidates.get(0).name();
            return candidates.get(0).predictLog(f, metric, train, logY);
        }
        long start = System.nanoTime();
        Predictors.Predictor best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (Predictors.Predictor p : candidates) {
            if (best != null && System.nanoTime() - start > budgetNanos) {
                break;
            }
            double e = looError(p, f, metric, train, logY);
            if (e < bestError) {
                bestError = e;
                best = p;
            }
        }
        lastChoice = best.name();
        return best.predictLog(f, metric, train, logY);
    }
}
