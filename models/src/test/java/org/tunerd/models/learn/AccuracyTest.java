package org.tunerd.models.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AccuracyTest {

    private final double[] truth = {1, 2, 4, 5};

    @Test
    void mapeIsTheMeanRelativeErrorInPercent() {
        assertEquals(0, Accuracy.mape(truth, truth));
        // errors 10%, 50%, 0%, 20% -> 20%
        assertEquals(20, Accuracy.mape(truth, new double[] {1.1, 1, 4, 6}), 1e-9);
        // the error is relative to the magnitude of the true value
        assertEquals(50, Accuracy.mape(new double[] {-2}, new double[] {-1}), 1e-9);
    }

    @Test
    void rejectsInputWithoutAnError() {
        assertThrows(IllegalArgumentException.class, () -> Accuracy.mape(new double[] {0, 1}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.mape(truth, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.mape(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> Accuracy.mape(truth, new double[] {1, Double.NaN, 4, 5}));
    }
}
