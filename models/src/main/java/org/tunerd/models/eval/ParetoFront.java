package org.tunerd.models.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Two-objective (both minimised) Pareto fronts and their hypervolume, for judging a model's latency/energy
 * trade-off against the true one.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** Positions of the non-dominated points among {@code (a[i], b[i])}, sorted by {@code a}. */
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
