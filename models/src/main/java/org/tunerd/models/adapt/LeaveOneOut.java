package org.tunerd.models.adapt;

/** Leave-one-out error on the target samples: mean absolute error of the log value, each sample predicted from the others. */
final class LeaveOneOut {

    /** Predicts the log value of candidate {@code heldOut} from the samples {@code train} with log values {@code logY}. */
    @FunctionalInterface
    interface HeldOutPrediction {
        double predictLog(int[] train, double[] logY, int heldOut);
    }

    private LeaveOneOut() {
    }

    /** Mean over the samples of |predicted - measured| log value, each predicted without itself. */
    static double meanAbsLogError(int[] train, double[] logY, HeldOutPrediction prediction) {
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
            err += Math.abs(prediction.predictLog(t, y, train[out]) - logY[out]) / n;
        }
        return err;
    }
}
