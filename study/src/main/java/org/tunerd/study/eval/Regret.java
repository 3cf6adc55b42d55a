package org.tunerd.study.eval;

import org.tunerd.models.learn.Accuracy;

/** Error and regret figures used by the study, in percent. */
public final class Regret {

    private Regret() {
    }

    /** How much worse {@code chosen} is than {@code best}, in percent of {@code best}. */
    public static double percent(double chosen, double best) {
        if (!(best > 0)) {
            throw new IllegalArgumentException("best value must be positive, got " + best);
        }
        return (chosen / best - 1) * 100;
    }

    /**
     * Mean absolute percentage error ({@link Accuracy#mape}) of {@code predicted} against {@code actual} over
     * the marked rows.
     */
    public static double mape(double[] predicted, double[] actual, boolean[] include) {
        int n = 0;
        for (boolean b : include) {
            n += b ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no rows to compute an error over");
        }
        double[] truth = new double[n];
        double[] kept = new double[n];
        for (int i = 0, k = 0; i < actual.length; i++) {
            if (include[i]) {
                truth[k] = actual[i];
                kept[k++] = predicted[i];
            }
        }
        return Accuracy.mape(truth, kept);
    }
}
