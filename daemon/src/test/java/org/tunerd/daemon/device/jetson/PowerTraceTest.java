package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowerTraceTest {

    private static final long MS = 1_000_000L;

    private static PowerTrace.Sample s(long ms, double watts) {
        return new PowerTrace.Sample(ms * MS, watts);
    }

    @Test
    void trapezoidOverAKnownTrace() {
        // 10 ms samples: 5 W, 7 W, 7 W, 3 W  ->  10ms*(6 + 7 + 5) W = 0.18 J
        PowerTrace trace = new PowerTrace(List.of(s(0, 5), s(10, 7), s(20, 7), s(30, 3)), 0);
        assertEquals(0.18, trace.joules(0, 30 * MS), 1e-12);
        assertEquals(6.0, trace.meanWatts(0, 30 * MS), 1e-12);
    }

    @Test
    void windowEdgesAreInterpolated() {
        PowerTrace trace = new PowerTrace(List.of(s(0, 5), s(10, 7), s(20, 7), s(30, 3)), 0);
        // 5..15 ms: 6 W at 5 ms, 7 W at 10 ms, 7 W at 15 ms -> 5ms*6.5 + 5ms*7 = 0.0675 J
        assertEquals(0.0675, trace.joules(5 * MS, 15 * MS), 1e-12);
        assertEquals(5.0, trace.wattsAt(25 * MS), 1e-12);
        // entirely between two samples
        assertEquals(0.001 * (6 + 6.2) / 2, trace.joules(5 * MS, 6 * MS), 1e-12);
    }

    @Test
    void linearPowerIsIntegratedExactlyWhateverTheSampleTimes() {
        // P(t) = 2 + 100 t (t in s), sampled at irregular times; integral over 0..0.05 s = 0.1 + 0.125 = 0.225 J
        long[] ms = {0, 3, 11, 12, 29, 40, 50};
        List<PowerTrace.Sample> samples = new java.util.ArrayList<>();
        for (long t : ms) {
            samples.add(s(t, 2 + 100 * t / 1000.0));
        }
        PowerTrace trace = new PowerTrace(samples, 0);
        assertEquals(0.225, trace.joules(0, 50 * MS), 1e-12);
        // and over a window cut inside samples: 0.007..0.033 s: 2*0.026 + 50*(0.033^2-0.007^2) = 0.052 + 0.052
        assertEquals(0.052 + 50 * (0.033 * 0.033 - 0.007 * 0.007), trace.joules(7 * MS, 33 * MS), 1e-12);
    }

    @Test
    void unsortedSamplesAreSortedAndPowerIsHeldOutsideTheTrace() {
        PowerTrace trace = new PowerTrace(List.of(s(20, 4), s(10, 2)), 1);
        assertEquals(10 * MS, trace.samples().get(0).nanos());
        // 0..10 ms held at 2 W, 10..20 ramp 2->4, 20..30 held at 4 W
        assertEquals(0.02 + 0.03 + 0.04, trace.joules(0, 30 * MS), 1e-12);
        assertEquals(1, trace.failed());
    }

    @Test
    void emptyTraceHasNoEnergyAndReversedWindowIsAnError() {
        assertTrue(Double.isNaN(new PowerTrace(List.of(), 3).joules(0, MS)));
        PowerTrace trace = new PowerTrace(List.of(s(0, 1)), 0);
        assertThrows(IllegalArgumentException.class, () -> trace.joules(2 * MS, MS));
        assertEquals(0.0, trace.joules(MS, MS));
    }
}
