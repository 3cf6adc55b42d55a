package org.tunerd.models.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ParetoFrontTest {

    @Test
    void frontDropsDominatedPoints() {
        double[] a = {1, 2, 3, 2.5, 4};
        double[] b = {5, 3, 1, 4, 0.5};
        assertArrayEquals(new int[] {0, 1, 2, 4}, ParetoFront.indices(a, b));
    }

    @Test
    void hypervolumeOfStaircase() {
        // points (1,3) and (2,1) with reference (4,4): 3*1 + 2*2 = 7
        assertEquals(7, ParetoFront.hypervolume(new double[] {1, 2, 3}, new double[] {3, 1, 2}, 4, 4), 1e-12);
        assertEquals(0, ParetoFront.hypervolume(new double[] {5}, new double[] {1}, 4, 4), 0);
    }

    @Test
    void hypervolumeRatioIsOneForThePerfectModelAndLessOtherwise() {
        double[] lat = {1, 2, 3, 4};
        double[] en = {4, 2, 1.5, 1};
        assertEquals(1, AdaptStudy.hypervolumeRatio(lat, en, lat, en), 1e-12);
        double[] wrongLat = {1, 2, 3, 4};
        double[] wrongEn = {1, 2, 3, 4}; // predicts point 0 dominates everything
        assertEquals(0, AdaptStudy.hypervolumeRatio(wrongLat, wrongEn, lat, en), 1e-12);
    }

    @Test
    void regretAndMape() {
        assertEquals(10, Regret.percent(1.1, 1.0), 1e-9);
        assertEquals(5, Regret.mape(new double[] {1.1, 2.0, 9}, new double[] {1, 2, 3}, new boolean[] {true, true, false}),
                1e-9);
    }
}
