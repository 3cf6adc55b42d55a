package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.models.data.Measurement;
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
        return TestConfigs.simulated(dir, dnn, size, budget, TestConfigs.NO_HTTP);
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
            assertEquals("ACCEPTED", daemon.tuner().actions().pin(PinRequest.of(pin)).outcome().name());
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

    @Test
    void aSessionForAnAnnouncedWorkloadResumesAfterARestartWithItsMeasurements() throws Exception {
        TunerConfig config = config("xception", 400, 10);
        WorkloadAnnouncement resnet = new WorkloadAnnouncement("resnet50", 224, 224, Map.of());
        DyingOn dying = new DyingOn(SimulatedDevice.tx2(5), "resnet50", 3);
        DaemonTest.Outcomes first = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), dying, first)) {
            await().atMost(WAIT).until(() -> first.finished.size() == 1); // the file's workload, tuned
            assertTrue(daemon.announce(resnet, "kafka"));
            await().atMost(WAIT).until(() -> first.failed.size() == 1); // dies at its 4th measurement
        }
        assertEquals(3, dying.measured.get(), "interrupted before the end");

        DyingOn device = new DyingOn(SimulatedDevice.tx2(6), "resnet50", Integer.MAX_VALUE);
        DaemonTest.Outcomes second = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, second)) {
            await().atMost(WAIT).until(() -> second.finished.size() == 1);
            assertTrue(daemon.events().awaitJournaled(WAIT));
            assertEquals("resnet50", second.finished.get(0).environment().dnn(),
                    "the restart goes on with the announced workload, not the file's");
            assertEquals(10, second.finished.get(0).samples().size());
            assertEquals(7 + second.finished.get(0).verifications(), device.measured.get(),
                    "only the rest of the interrupted session is measured");
        }
        TunerEvent resumed = journal().stream().filter(e -> e.type() == EventType.TUNING_RESUMED)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("kafka", resumed.data().path("origin").asText(), resumed.data().toString());
        assertEquals(3, resumed.data().path("measurements").asInt());
        assertTrue(resumed.subject().orElseThrow().contains("resnet50"), resumed.subject().toString());
    }

    private List<TunerEvent> journal() throws Exception {
        List<TunerEvent> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("state/journal/events.jsonl"))) {
            out.add(EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A simulated board whose measurements of one DNN fail after the first {@code limit}; counts them. */
    static final class DyingOn extends ForwardingDevice {
        final AtomicInteger measured = new AtomicInteger();
        private final String dnn;
        private final int limit;

        DyingOn(SimulatedDevice delegate, String dnn, int limit) {
            super(delegate);
            this.dnn = dnn;
            this.limit = limit;
        }

        @Override
        public Measurement measure(Workload workload) {
            if (!workload.dnn().equals(dnn)) {
                return super.measure(workload);
            }
            if (measured.get() >= limit) {
                throw new DeviceException("the board stopped answering");
            }
            Measurement m = super.measure(workload);
            measured.incrementAndGet();
            return m;
        }
    }
}
