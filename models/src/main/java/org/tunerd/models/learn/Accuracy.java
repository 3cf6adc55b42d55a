package org.tunerd.models.learn;

/** How close a model's predictions are to measured values. */
public final class Accuracy {

    private Accuracy() {
    }

    /**
     * Mean absolute percentage error: {@code 100/n * sum |p - y| / |y|} over the true values {@code y} and the
     * predictions {@code p} in the same order.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, a value is not finite, or
     *                                  a true value is 0 (the relative error is undefined there)
     */
    public static double mape(double[] truth, double[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true values but " + predicted.length + " predictions");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no values to compare");
        }
        double s = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i]) || !Double.isFinite(predicted[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: truth " + truth[i] + ", prediction "
                        + predicted[i]);
            }
            if (truth[i] == 0) {
                throw new IllegalArgumentException("MAPE is undefined: true value " + i + " is 0");
            }
            s += Math.abs((predicted[i] - truth[i]) / truth[i]);
        }
        return 100 * s / truth.length;
    }
}
