package org.tunerd.models.adapt;

/** Leave-one-out statistics on the target samples: each sample judged by a model fitted on the others. */
public final class LeaveOneOut {

    /** Predicts the log value of candidate {@code heldOut} from the samples {@code train} with log values {@code logY}. */
    @FunctionalInterface
    public interface HeldOutPrediction {
        double predictLog(int[] train, double[] logY, int heldOut);
    }

    /**
     * A per-sample figure: fit on {@code train} / {@code logY} (the other samples), judge the held-out
     * candidate {@code heldOut} whose measured log value is {@code measuredLog}.
     */
    @FunctionalInterface
    interface HeldOutTerm {
        double value(int[] train, double[] logY, int heldOut, double measuredLog);
    }

    private LeaveOneOut() {
    }

    /** Mean over the samples of |predicted - measured| log value, each predicted without itself. */
    public static double meanAbsLogError(int[] train, double[] logY, HeldOutPrediction prediction) {
        return mean(train, logY, (t, y, heldOut, measured) -> Math.abs(prediction.predictLog(t, y, heldOut) - measured));
    }

    /** Element {@code k}: the log value {@code prediction} gives sample {@code k} from the other samples. */
    public static double[] predictions(int[] train, double[] logY, HeldOutPrediction prediction) {
        return values(train, logY, (t, y, heldOut, measured) -> prediction.predictLog(t, y, heldOut));
    }

    /** Mean over the samples of {@code term}, each sample held out of the fit it is judged by. */
    static double mean(int[] train, double[] logY, HeldOutTerm term) {
        double sum = 0;
        for (double v : values(train, logY, term)) {
            sum += v / train.length;
        }
        return sum;
    }

    /** Element {@code k}: {@code term} for sample {@code k} held out of the fit on the others. */
    private static double[] values(int[] train, double[] logY, HeldOutTerm term) {
        int n = train.length;
        double[] values = new double[n];
        for (int out = 0; out < n; out++) {
            int[] t = new int[n - 1];
            double[] y = new double[n - 1];
            for (int k = 0, j = 0; k < n; k++) {
                if (k != out) {
                    t[j] = train[k];
                    y[j++] = logY[k];
                }
            }
            values[out] = term.value(t, y, train[out], logY[out]);
        }
        return values;
    }
}
