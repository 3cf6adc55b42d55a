package org.tunerd.models.optimize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    @Test
    void frontDropsDominatedPoints() {
        double[] a = {1, 2, 3, 2.5, 4};
        double[] b = {5, 3, 1, 4, 0.5};
        assertArrayEquals(new int[] {0, 1, 2, 4}, ParetoFront.indices(a, b));
        // latency, energy: 4 is dominated by 1 (same latency, more energy)
        assertArrayEquals(new int[] {0, 2, 1, 3},
                ParetoFront.indices(new double[] {0.10, 0.20, 0.15, 0.40, 0.20}, new double[] {50, 20, 40, 10, 25}));
    }

    @Test
    void ofEqualPointsTheFirstIsOnTheFrontAndUnknownValuesNever() {
        assertArrayEquals(new int[] {0}, ParetoFront.indices(new double[] {1, 1}, new double[] {2, 2}));
        assertArrayEquals(new int[] {1}, ParetoFront.indices(new double[] {0.5, 1}, new double[] {Double.NaN, 2}));
        assertArrayEquals(new int[0], ParetoFront.indices(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}));
    }

    @Test
    void hypervolumeOfStaircase() {
        // points (1,3) and (2,1) with reference (4,4): 3*1 + 2*2 = 7
        assertEquals(7, ParetoFront.hypervolume(new double[] {1, 2, 3}, new double[] {3, 1, 2}, 4, 4), 1e-12);
        assertEquals(0, ParetoFront.hypervolume(new double[] {5}, new double[] {1}, 4, 4), 0);
    }
}
