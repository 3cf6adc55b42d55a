package org.tunerd.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.Similarity;

/** The settle time is the device's to decide: a simulated board gets none, a real one the configured time. */
class ProfilerTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final List<Duration> pauses = new ArrayList<>();

    private ModelStore store() {
        return new ModelStore(dir.resolve("models"), Similarity.defaults());
    }

    @Test
    void aSimulatedBoardIsProfiledWithoutWaitingTheSettleTime() {
        SimulatedDevice device = SimulatedDevice.tx2(1);
        assertEquals(Duration.ZERO, device.settleTime(SETTLE));
        new Profiler(device, store(), pauses::add).profile(Workload.of("xception", 224, 224), 30, SETTLE, 1, n -> { });
        assertEquals(List.of(), pauses);
    }

    @Test
    void aBoardThatNeedsToSettleWaitsAfterEachReconfiguration() {
        ForwardingDevice board = new ForwardingDevice(SimulatedDevice.tx2(1)) {
            @Override
            public Duration settleTime(Duration requested) {
                return requested; // what a real board (and the Device default) does
            }
        };
        List<Integer> progress = new ArrayList<>();
        new Profiler(board, store(), pauses::add).profile(Workload.of("xception", 224, 224), 12, SETTLE, 1, progress::add);
        assertEquals(12, pauses.size());
        assertTrue(pauses.stream().allMatch(SETTLE::equals), pauses.toString());
        assertEquals(0, progress.get(0), "the first count is what was stored before");

        // resumed: the 12 stored configurations are not measured again, and the first count says so
        pauses.clear();
        progress.clear();
        new Profiler(board, store(), pauses::add).profile(Workload.of("xception", 224, 224), 20, SETTLE, 1, progress::add);
        assertEquals(8, pauses.size());
        assertEquals(12, progress.get(0));
        assertEquals(20, progress.get(progress.size() - 1));
    }
}
