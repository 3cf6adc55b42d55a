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

    /** Mean over the samples of {@code term}, each sample held out of the fit it is judged by. */
    static double mean(int[] train, double[] logY, HeldOutTerm term) {
        int n = train.length;
        double sum = 0;
        for (int out = 0; out < n; out++) {
            int[] t = new int[n - 1];
            double[] y = new double[n - 1];
            for (int k = 0, j = 0; k < n; k++) {
                if (k != out) {
                    t[j] = train[k];
                    y[j++] = logY[k];
                }
            }
            sum += term.value(t, y, train[out], logY[out]) / n;
        }
        return sum;
    }
}
