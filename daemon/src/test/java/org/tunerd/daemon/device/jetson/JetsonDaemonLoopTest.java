package org.tunerd.daemon.device.jetson;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.Backend;
import org.tunerd.models.space.Budget;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.ObjectiveSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.DeviceFactory;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;

/**
 * The whole daemon on the Jetson backend against a fake TX2 sysfs tree: the tuner writes the study's
 * protocol into the tree, a real inference command reads the clocks it set and reports a latency that
 * depends on them, the board ends at the chosen configuration, and stopping restores the snapshot.
 */
class JetsonDaemonLoopTest {

    private static final String GPU_MAX = "/sys/devices/17000000.gp10b/devfreq/17000000.gp10b/max_freq";
    private static final String CPU_MAX = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_max_freq";

    @TempDir
    Path dir;

    @Test
    void tunesARealCommandOnAFakeTx2AndRestoresTheBoardOnStop() throws Exception {
        Path root = dir.resolve("board");
        FakeBoard.tx2(root).tx2Power(5000);
        String gpuBefore = Files.readString(root.resolve(GPU_MAX.substring(1))).trim();
        // latency depends on the clocks the tuner wrote: falls with the CPU clock, and is lowest at a middle GPU
        // clock (about 630 MHz), so the optimum differs from the board's initial all-maximum state
        String script = "g=$(cat " + root + GPU_MAX + "); c=$(cat " + root + CPU_MAX + "); "
                + "awk -v g=\"$g\" -v c=\"$c\" 'BEGIN { printf \"{\\\"latency\\\": %.6f}\\n\", "
                + "0.01 + 2e7 / g + g / 2e10 + 5e3 / c }'";
        InferenceCommand command = new InferenceCommand(List.of("/bin/sh", "-c", script), Map.of(), Optional.empty(),
                Duration.ofSeconds(20), Optional.of("json:latency"));
        TunerConfig base = new ConfigLoader().defaults();
        TunerConfig config = new TunerConfig("jetson-test",
                new DeviceSettings(Backend.JETSON, "tx2", root, Optional.empty(), 0, true),
                new WorkloadSettings("xception", 600, 600, Map.of(), Optional.of(command), 0, 1, Duration.ZERO,
                        Optional.empty()),
                new PolicySettings(ObjectiveSettings.minLatency(), "lms", "rt", Budget.ofCount(12),
                        base.policy().constraints()),
                base.retune(), base.kafka(), new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir.resolve("state"), base.store().similarity()));

        List<TuningOutcome> outcomes = new CopyOnWriteArrayList<>();
        Device device = DeviceFactory.open(config.device());
        assertEquals("TX2", device.describe().hardware());
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, new TuningListener() {
            @Override
            public void finished(TuningOutcome outcome) {
                outcomes.add(outcome);
            }
        })) {
            await().atMost(Duration.ofSeconds(120)).until(() -> outcomes.size() == 1);
            TuningOutcome outcome = outcomes.get(0);
            assertEquals(12, outcome.samples().size());
            assertEquals(outcome.applied(), device.current(), "the tree holds the chosen configuration");
            assertEquals(String.valueOf((long) outcome.applied().get("gpu_freq")),
                    Files.readString(root.resolve(GPU_MAX.substring(1))).trim());
            double fastestMeasured = outcome.samples().stream().mapToDouble(m -> m.latency()).min().orElseThrow();
            assertTrue(outcome.verified().latency() <= fastestMeasured * 1.0001,
                    "the applied configuration is at least as fast as every sample");
            assertTrue(outcome.verified().hasEnergy(), "energy from the fake INA3221 VDD_IN rail");
            assertNotEquals(gpuBefore, Files.readString(root.resolve(GPU_MAX.substring(1))).trim());
        }
        assertEquals(gpuBefore, Files.readString(root.resolve(GPU_MAX.substring(1))).trim(),
                "stopping restores the snapshot taken before the first write");
    }
}
