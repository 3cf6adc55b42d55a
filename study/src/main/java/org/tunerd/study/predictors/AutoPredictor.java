package org.tunerd.study.predictors;

import java.util.List;
import org.tunerd.models.adapt.LeaveOneOut;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Metric;

/**
 * The automatic learner: per metric, among several candidate predictors (in order of preference), picks
 * the one with the lowest leave-one-out error (mean absolute log error, i.e. about the relative error) on
 * the target samples at hand, then refits it on all samples. Judging a candidate on {@code n} samples costs
 * {@code n} fits; candidates are judged in order while the fits spent stay within the fit budget (the first
 * is always judged). The budget counts work, not time, so the choice depends on the samples alone, never on
 * how fast or loaded the machine is: a seeded study gives the same answer every run. Every candidate keeps
 * at most a few hundred numbers (a ridge and a GP over the samples), so model size needs no separate budget.
 */
public final class AutoPredictor implements Predictors.Predictor {

    /** Default fits for judging candidates per choice: the four {@link #standard()} candidates on up to 50 samples. */
    public static final int DEFAULT_FIT_BUDGET = 200;

    private final List<Predictors.Predictor> candidates;
    private final int fitBudget;
    private volatile String lastChoice = "";

    public AutoPredictor(List<Predictors.Predictor> candidates) {
        this(candidates, DEFAULT_FIT_BUDGET);
    }

    /** @param fitBudget model fits the leave-one-out judging may spend per choice (at least 0) */
    public AutoPredictor(List<Predictors.Predictor> candidates, int fitBudget) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the automatic learner needs candidates");
        }
        if (fitBudget < 0) {
            throw new IllegalArgumentException("fit budget must not be negative, got " + fitBudget);
        }
        this.candidates = List.copyOf(candidates);
        this.fitBudget = fitBudget;
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
        int spent = 0;
        Predictors.Predictor best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (Predictors.Predictor p : candidates) {
            if (best != null && spent + train.length > fitBudget) {
                break;
            }
            double e = looError(p, f, metric, train, logY);
            spent += train.length;
            if (e < bestError) {
                bestError = e;
                best = p;
            }
        }
        lastChoice = best.name();
        return best.predictLog(f, metric, train, logY);
    }
}
