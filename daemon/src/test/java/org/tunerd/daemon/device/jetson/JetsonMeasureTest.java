package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

class JetsonMeasureTest {

    @TempDir
    Path root;

    @TempDir
    Path work;

    private static Workload workload(String script, Optional<String> pattern, int warmups, int reps) {
        InferenceCommand cmd = new InferenceCommand(List.of("/bin/sh", "-c", script), Map.of(), Optional.empty(),
                Duration.ofSeconds(30), pattern);
        return new Workload("xception", 200, 200, Map.of(), Optional.of(cmd), warmups, reps);
    }

    @Test
    void energyIsPowerIntegratedOverEachRunAndMediansAreReported() throws Exception {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        Path count = work.resolve("runs");
        Files.writeString(count, "");
        try (JetsonDevice d = b.open()) {
            Configuration c = Configuration.of("cores", 2, "cpu_freq", 1113600, "gpu_freq", 497250000,
                    "emc_freq", 1331200000);
            d.apply(c);
            Measurement m = d.measure(workload("echo run >> '" + count + "'; sleep 0.02", Optional.empty(), 2, 3));
            assertEquals(5, Files.readAllLines(count).size(), "2 warm-ups + 3 repetitions");
            assertEquals(c, m.configuration());
            // constant 5 W on VDD_IN: each run's energy is 5 W times its window, so the medians agree
            assertEquals(5.0 * m.latency(), m.energy(), 1e-9 * m.energy());
            assertTrue(m.latency() >= 0.02);
        }
    }

    @Test
    void printedLatencyScalesTheWindowsMeanPower() {
        FakeBoard b = FakeBoard.xavier(root).xavierHwmon();
        try (JetsonDevice d = b.open()) {
            Measurement m = d.measure(workload("echo '{\"latency\": 0.004}'", Optional.of("json:latency"), 0, 1));
            assertEquals(0.004, m.latency());
            double watts = 5.0 * (600 + 400 + 200 + 20 + 100 + 300) / 1000.0;
            assertEquals(watts * 0.004, m.energy(), 1e-12);
        }
    }

    @Test
    void withoutAPowerMonitorLatencyIsMeasuredAndEnergyIsNaN() {
        FakeBoard b = FakeBoard.tx2(root);
        try (JetsonDevice d = b.open()) {
            assertFalse(d.describe().energyAvailable());
            Measurement m = d.measure(workload("echo 'took 0.031 s'", Optional.of("took ([0-9.]+) s"), 1, 3));
            assertEquals(0.031, m.latency());
            assertFalse(m.hasEnergy());
        }
    }

    @Test
    void failingWorkloadIsAnErrorAndTheDeviceStaysUsable() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.measure(workload("echo 'model file missing' >&2; exit 2", Optional.empty(), 0, 1)));
            assertTrue(e.getMessage().contains("model file missing"), e.getMessage());
            assertTrue(d.measure(workload("true", Optional.empty(), 0, 1)).hasEnergy());
        }
    }

    @Test
    void workloadWithoutCommandIsRefused() {
        try (JetsonDevice d = FakeBoard.tx2(root).tx2Power(5000).open()) {
            DeviceException e = assertThrows(DeviceException.class, () -> d.measure(Workload.of("xception", 200, 200)));
            assertTrue(e.getMessage().contains("has none"), e.getMessage());
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, JetsonDevice.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, JetsonDevice.median(List.of(4.0, 1.0, 2.0, 3.0)));
    }
}
