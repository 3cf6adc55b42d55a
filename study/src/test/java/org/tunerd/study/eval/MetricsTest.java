package org.tunerd.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {

    private final double[] truth = {1, 2, 4, 5};

    @Test
    void nmseIsMseOverVariance() {
        // mean 3, population variance (4+1+1+4)/4 = 2.5; predicting the mean gives 1
        assertEquals(1.0, Metrics.nmse(truth, new double[] {3, 3, 3, 3}), 1e-12);
        assertEquals(0.0, Metrics.nmse(truth, truth));
        // squared errors 1, 0, 0, 1 -> mse 0.5 -> 0.2
        assertEquals(0.2, Metrics.nmse(truth, new double[] {2, 2, 4, 4}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Metrics.nmse(new double[] {2, 2}, new double[] {1, 2}));
    }

    @Test
    void regretIsTheTrueCostOfThePredictedBestAgainstTheBestMeasured() {
        assertEquals(0, Metrics.regret(truth, truth));
        // predicted best is index 2 (true 4) against true best 1 -> 300%
        assertEquals(300, Metrics.regret(truth, new double[] {9, 9, 0.5, 9}), 1e-9);
        // predicted best is index 1 (true 2) -> 100%; a perfect ranking with wrong scale has no regret
        assertEquals(100, Metrics.regret(truth, new double[] {5, 1, 6, 7}), 1e-9);
        assertEquals(0, Metrics.regret(truth, new double[] {10, 20, 40, 50}), 1e-9);
    }

    @Test
    void rejectsMismatchedOrNonFiniteInput() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.nmse(truth, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.regret(truth, new double[] {1, Double.NaN, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.nmse(new double[0], new double[0]));
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
