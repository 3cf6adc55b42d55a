package org.tunerd.daemon.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/** The simulated AGX Orin offers the board's own tables: an Orin-size space. */
class OrinBoardTest {

    @Test
    void itOffersTwelveCoresAndTheOrinClockTables() {
        SimulatedDevice orin = SimulatedDevice.create("orin", 0, 1);
        ConfigurationSpace space = orin.describe().space();
        assertEquals(12, space.require(BoardOptions.CORES).size());
        List<Double> cpu = space.require(BoardOptions.CPU_FREQ).values();
        assertEquals(29, cpu.size());
        assertEquals(115200.0, cpu.get(0));
        assertEquals(2188800.0, cpu.get(27));
        assertEquals(2201600.0, cpu.get(28));
        List<Double> gpu = space.require(BoardOptions.GPU_FREQ).values();
        assertEquals(13, gpu.size());
        assertEquals(114750000.0, gpu.get(0));
        assertEquals(1236750000.0, gpu.get(11));
        assertEquals(1300500000.0, gpu.get(12));
        assertEquals(List.of(204e6, 665.6e6, 2133e6, 3199e6), space.require(BoardOptions.EMC_FREQ).values());
        assertEquals(12 * 29 * 13 * 4, space.size());
        assertEquals("sim-orin", orin.describe().hardware());
    }

    @Test
    void itIsFasterThanTheTx2AndItsOptimumIsNotAllMaximum() {
        Workload w = Workload.of("resnet50", 224, 224);
        SimulatedDevice orin = SimulatedDevice.create("orin", 0, 1);
        SimulatedDevice tx2 = SimulatedDevice.tx2(1);
        Configuration max = orin.describe().space().maximum();
        assertTrue(orin.estimate(w, max).latency() < tx2.estimate(w, tx2.describe().space().maximum()).latency());
        Configuration best = orin.describe().space().stream()
                .min(java.util.Comparator.comparingDouble(c -> orin.estimate(w, c).energy())).orElseThrow();
        assertTrue(orin.estimate(w, best).energy() < 0.95 * orin.estimate(w, max).energy(), best.toString());
    }
}
