package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.models.space.Budget;
import org.tunerd.models.space.Configuration;

/**
 * Issue 11 points 10 and 11: what an operator or an announcement set survives a restart of the daemon on the
 * same state directory (a stopped {@link Daemon} started again; the process-level kill suite is in
 * {@code tests/}).
 */
class DurableStateTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private TunerConfig config(String dnn, int size, int budget) {
        TunerConfig base = new ConfigLoader().defaults();
        WorkloadSettings workload = new WorkloadSettings(dnn, size, size, Map.of(), Optional.empty(), 0, 1,
                Duration.ZERO, Optional.empty());
        PolicySettings policy = new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(budget),
                base.policy().constraints());
        return new TunerConfig("test-device", base.device(), workload, policy, base.retune(), base.kafka(),
                new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir.resolve("state"), base.store().similarity()));
    }

    @Test
    void aPinHoldsAcrossARestartUntilItIsReleased() {
        TunerConfig config = config("xception", 400, 10);
        Configuration pin;
        DaemonTest.Outcomes first = new DaemonTest.Outcomes();
        SimulatedDevice board = SimulatedDevice.tx2(5);
        try (Daemon daemon = Daemon.start(config, Optional.empty(), board, first)) {
            await().atMost(WAIT).until(() -> first.finished.size() == 1);
            pin = board.describe().space().get(0);
            assertEquals("ACCEPTED", daemon.tuner().actions().pin(pin).outcome().name());
            await().atMost(WAIT).until(() -> board.current().equals(pin));
        }
        assertTrue(Files.exists(dir.resolve("state/pin.json")), "the pin is recorded");

        SimulatedDevice restarted = SimulatedDevice.tx2(6);
        DaemonTest.Outcomes second = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), restarted, second)) {
            assertTrue(daemon.tuner().view().status().pinned(), "pinned from the start");
            await().atMost(WAIT).until(() -> restarted.current().equals(pin));
            assertEquals("ACCEPTED", daemon.tuner().actions().release().outcome().name());
            await().atMost(WAIT).until(() -> second.finished.size() == 1);
            assertEquals(1, second.finished.size(), "the only session is the one after the release");
            assertFalse(daemon.tuner().view().status().pinned());
        }
        assertFalse(Files.exists(dir.resolve("state/pin.json")), "a released pin is forgotten");

        DaemonTest.Outcomes third = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(7), third)) {
            assertFalse(daemon.tuner().view().status().pinned(), "released stays released");
            await().atMost(WAIT).until(() -> third.finished.size() == 1);
        }
    }
}
