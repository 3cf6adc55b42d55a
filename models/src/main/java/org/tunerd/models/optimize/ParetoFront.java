package org.tunerd.models.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Two-objective (both minimised, e.g. latency and energy) Pareto fronts, and the hypervolume a set of points
 * dominates (to judge a predicted trade-off against the true one).
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /**
     * Positions of the points {@code (a[i], b[i])} no other point beats on both objectives (lower or equal on
     * both and lower on one), sorted by {@code a}; of equal points, the first. A point with a NaN objective
     * (e.g. energy unknown) is never on the front.
     */
    public static int[] indices(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("objective arrays differ in length: " + a.length + " and " + b.length);
        }
        Integer[] order = new Integer[a.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> a[i]).thenComparingDouble(i -> b[i]));
        List<Integer> front = new ArrayList<>();
        double bestB = Double.POSITIVE_INFINITY;
        for (int i : order) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                continue;
            }
            if (b[i] < bestB) {
                front.add(i);
                bestB = b[i];
            }
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Hypervolume dominated by the points {@code (a[i], b[i])} (any points; dominated ones add nothing)
     * and bounded by the reference point {@code (refA, refB)}; points beyond the reference add nothing.
     */
    public static double hypervolume(double[] a, double[] b, double refA, double refB) {
        int[] front = indices(a, b);
        double volume = 0;
        double prevB = refB;
        for (int i : front) {
            if (a[i] >= refA || b[i] >= prevB) {
                continue;
            }
            volume += (refA - a[i]) * (prevB - b[i]);
            prevB = b[i];
        }
        return volume;
    }
}
