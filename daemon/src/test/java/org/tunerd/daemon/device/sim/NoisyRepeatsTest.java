package org.tunerd.daemon.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

class NoisyRepeatsTest {

    private static final Configuration C = Configuration.of("cores", 1);

    @Test
    void reportsTheMedianOfTheRepetitionsAfterDiscardingWarmups() {
        Workload w = new Workload("x", 1, 1, Map.of(), Optional.empty(), 2, 3);
        LognormalNoise reference = new LognormalNoise(0.1, 5);
        for (int i = 0; i < 4; i++) {
            reference.factor(); // two warm-up runs, two factors each
        }
        double[] latency = new double[3];
        double[] energy = new double[3];
        for (int i = 0; i < 3; i++) {
            double a = reference.factor();
            double b = reference.factor();
            latency[i] = 2.0 * a;
            energy[i] = 10.0 * a * b;
        }
        Measurement m = NoisyRepeats.measure(C, 2.0, 10.0, w, new LognormalNoise(0.1, 5));
        assertEquals(NoisyRepeats.median(latency), m.latency(), 0.0);
        assertEquals(NoisyRepeats.median(energy), m.energy(), 0.0);
        assertTrue(m.latency() != 2.0);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, NoisyRepeats.median(new double[] {3, 1, 2}));
        assertEquals(2.5, NoisyRepeats.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void missingEnergyStaysMissing() {
        Measurement m = NoisyRepeats.measure(C, 1.0, Double.NaN, Workload.of("x", 1, 1), new LognormalNoise(0.1, 1));
        assertTrue(Double.isNaN(m.energy()));
    }

    @Test
    void zeroSigmaIsExactAndNegativeSigmaIsRefused() {
        LognormalNoise none = LognormalNoise.none();
        for (int i = 0; i < 10; i++) {
            assertEquals(1.0, none.factor(), 0.0);
        }
        assertThrows(IllegalArgumentException.class, () -> new LognormalNoise(-0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LognormalNoise(Double.NaN, 1));
    }
}
