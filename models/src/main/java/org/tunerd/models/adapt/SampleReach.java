package org.tunerd.models.adapt;

/**
 * How far a point lies outside the range the training samples span, feature by feature: for each physical
 * feature, 1 within [smallest, largest] sampled value (interpolation is trusted) and
 * {@code exp(-d^2 / (2 L^2))} at a distance {@code d} outside it ({@code L} = {@value #LENGTH_SCALE} of the
 * feature's normalised range), multiplied over the features. A sample clustered at the low end of one option
 * reaches nothing at that option's high end, however well it spans the others; a space-filling sample reaches
 * every candidate. Immutable.
 */
final class SampleReach {

    /** Decay length on a feature normalised to [0, 1]: about the spacing of a 5-12-level option's values. */
    static final double LENGTH_SCALE = 0.2;

    private final double[] low;
    private final double[] high;

    private SampleReach(double[] low, double[] high) {
        this.low = low;
        this.high = high;
    }

    /** The reach of the samples whose normalised physical features are the rows of {@code x}. */
    static SampleReach of(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("the reach of no samples is undefined");
        }
        int p = x[0].length;
        double[] lo = new double[p];
        double[] hi = new double[p];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : x) {
            for (int d = 0; d < p; d++) {
                lo[d] = Math.min(lo[d], row[d]);
                hi[d] = Math.max(hi[d], row[d]);
            }
        }
        return new SampleReach(lo, hi);
    }

    /** In (0, 1]: 1 where every feature of {@code x} is within the sampled range, near 0 far outside it in any one. */
    double at(double[] x) {
        double sq = 0;
        for (int d = 0; d < low.length; d++) {
            double out = x[d] < low[d] ? low[d] - x[d] : x[d] > high[d] ? x[d] - high[d] : 0;
            sq += out * out;
        }
        return Math.exp(-0.5 * sq / (LENGTH_SCALE * LENGTH_SCALE));
    }
}
