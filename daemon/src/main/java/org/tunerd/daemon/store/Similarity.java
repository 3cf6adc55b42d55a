package org.tunerd.daemon.store;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tunerd.models.space.Environment;

/**
 * How far a stored environment is from a target, for choosing the transfer source. Lower is closer.
 *
 * <pre>
 * distance = hardware   * [hardware differs]
 *          + dnn        * [DNN model differs]
 *          + inputSize  * |ln(pixels(a) / pixels(b))|      (0 if both sizes are unknown, 1 if one is)
 *          + attributes * (attributes that differ / attributes named by either side)
 * </pre>
 *
 * Names compare case-insensitively. With the default weights (100, 10, 1, 0.001) the order is
 * lexicographic for realistic inputs: same hardware first, then same DNN, then nearest input size (a size
 * ratio would have to exceed e^10 to outweigh a DNN difference), attributes only breaking ties.
 *
 * @param hardware   weight of a hardware mismatch
 * @param dnn        weight of a DNN mismatch
 * @param inputSize  weight of the absolute log ratio of input pixel counts
 * @param attributes weight of the fraction of differing attributes
 */
public record Similarity(double hardware, double dnn, double inputSize, double attributes) {

    public Similarity {
        for (double w : new double[] {hardware, dnn, inputSize, attributes}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("similarity weights must be finite and >= 0, got "
                        + hardware + ", " + dnn + ", " + inputSize + ", " + attributes);
            }
        }
    }

    /** Same hardware first, then same DNN, then nearest input size, attributes as tie-breakers. */
    public static Similarity defaults() {
        return new Similarity(100, 10, 1, 0.001);
    }

    /** The distance from {@code a} to {@code b} (symmetric, 0 for equal environments). */
    public double distance(Environment a, Environment b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double d = 0;
        if (!a.hardware().equalsIgnoreCase(b.hardware())) {
            d += hardware;
        }
        if (!a.dnn().equalsIgnoreCase(b.dnn())) {
            d += dnn;
        }
        d += inputSize * sizeDistance(a, b);
        d += attributes * attributeMismatch(a.attributes(), b.attributes());
        return d;
    }

    /**
     * An unknown size is no evidence for or against a size: two unknown sizes are equal (0), an unknown and
     * a known one as far apart as an e-fold pixel ratio (1), so a known equal size is preferred.
     */
    private static double sizeDistance(Environment a, Environment b) {
        if (!a.hasSize() || !b.hasSize()) {
            return a.hasSize() == b.hasSize() ? 0 : 1;
        }
        return Math.abs(Math.log((double) a.pixels() / b.pixels()));
    }

    private static double attributeMismatch(Map<String, String> a, Map<String, String> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        if (keys.isEmpty()) {
            return 0;
        }
        long differing = keys.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).count();
        return (double) differing / keys.size();
    }
}
