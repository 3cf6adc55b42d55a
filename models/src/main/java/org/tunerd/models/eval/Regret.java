package org.tunerd.models.eval;

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

    /** Mean absolute percentage error of {@code predicted} against {@code actual} over the marked rows. */
    public static double mape(double[] predicted, double[] actual, boolean[] include) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            if (include[i]) {
                sum += Math.abs(predicted[i] - actual[i]) / actual[i];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("no rows to compute an error over");
        }
        return 100 * sum / n;
    }
}
