package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.commands.CommandNotAppliedException;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.Json;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionPhase;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/** The coordinator's parts at work in the assembled daemon: coalescing, status phases, failures, device checks. */
class CoordinatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private TunerConfig config(int budget) {
        return TestConfigs.simulated(dir, "xception", 400, budget, TestConfigs.NO_HTTP);
    }

    /** Collects the end of every session. */
    static final class Ends implements TuningListener {
        final List<TuningOutcome> finished = new CopyOnWriteArrayList<>();
        final List<SessionFailure> failed = new CopyOnWriteArrayList<>();

        @Override
        public void finished(TuningOutcome outcome) {
            finished.add(outcome);
        }

        @Override
        public void failed(SessionFailure failure) {
            failed.add(failure);
        }
    }

    /** A simulated board whose measurements wait at a gate while it is closed. */
    static final class GatedDevice extends ForwardingDevice {
        private volatile CountDownLatch gate = new CountDownLatch(0);
        final AtomicInteger waiting = new AtomicInteger();

        GatedDevice() {
            super(SimulatedDevice.tx2(5));
        }

        void close(boolean closed) {
            if (closed) {
                gate = new CountDownLatch(1);
            } else {
                gate.countDown();
            }
        }

        @Override
        public Measurement measure(Workload workload) {
            waiting.incrementAndGet();
            try {
                if (!gate.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiting.decrementAndGet();
            }
            return super.measure(workload);
        }
    }

    private static long count(List<TunerEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    @Test
    void retunesAskedForDuringASessionCoalesceIntoOneAndTheStatusFollowsThePhases() throws Exception {
        GatedDevice device = new GatedDevice();
        Ends ends = new Ends();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config(8), Optional.empty(), device, ends)) {
            await().atMost(WAIT).until(() -> ends.finished.size() == 1
                    && daemon.tuner().view().status().phase() == SessionPhase.IDLE);
            daemon.events().subscribe(events::add);
            device.close(true);
            try {
                daemon.tuner().actions().retune("first");
                await().atMost(WAIT).until(() -> device.waiting.get() == 1);
                assertEquals(SessionPhase.MEASURING, daemon.tuner().view().status().phase(),
                        "the status shows the session's phase, read without waiting for it");
                for (int i = 0; i < 20; i++) {
                    daemon.tuner().actions().retune("burst " + i);
                }
            } finally {
                device.close(false);
            }
            await().atMost(WAIT).until(() -> ends.finished.size() == 2);
            await().atMost(WAIT).until(() -> daemon.tuner().view().status().phase() == SessionPhase.IDLE);
            assertTrue(daemon.events().awaitJournaled(WAIT));
        }
        assertEquals(2, count(events, EventType.TUNING_STARTED), "the first session and one for the whole burst");
        assertEquals(1, count(events, EventType.TUNING_CANCELLED), "only the session that had started is cancelled");
        assertEquals(1, count(events, EventType.TUNING_VERIFIED));
        TunerEvent cancelled = events.stream().filter(e -> e.type() == EventType.TUNING_CANCELLED).findFirst().orElseThrow();
        assertTrue(cancelled.data().path("reason").asText().startsWith("superseded: retune requested: burst"),
                cancelled.data().toString());
    }

    @Test
    void aSessionThatFailsBeforeItTouchesTheDevicePublishesTuningFailed() throws Exception {
        ForwardingDevice silent = new ForwardingDevice(SimulatedDevice.tx2(5)) {
            @Override
            public Configuration current() {
                throw new IllegalStateException("sysfs unreadable");
            }
        };
        Ends ends = new Ends();
        List<TunerEvent> events = new java.util.ArrayList<>();
        Path journal;
        try (Daemon daemon = Daemon.start(config(6), Optional.empty(), silent, ends)) {
            // the session may fail before a subscriber could be added: the events are read from the journal
            journal = daemon.events().journalPath();
            await().atMost(WAIT).until(() -> ends.failed.size() == 1);
            assertTrue(daemon.events().awaitJournaled(WAIT));
            assertEquals(Optional.of("sysfs unreadable"), daemon.tuner().view().status().lastError());
            assertFalse(daemon.tuner().view().health().healthy(), "the board does not answer");
        }
        for (String line : Files.readAllLines(journal)) {
            events.add(org.tunerd.daemon.events.EventCodec.decode(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        TunerEvent failed = events.stream().filter(e -> e.type() == EventType.TUNING_FAILED).findFirst().orElseThrow();
        assertEquals("sysfs unreadable", failed.data().path("reason").asText());
        assertFalse(failed.data().path("rolledBack").asBoolean(), "the session never changed the device");
        assertEquals(Optional.of("sim-tx2_xception_400x400"), failed.subject());
    }

    @Test
    void aPolicyTheDeviceCannotFollowIsRejectedOnOverrideAndOnReloadAsAtStartUp() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 6, strategy: lms, learner: rt}\n");
        TunerConfig initial = config(6);
        Ends ends = new Ends();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(initial, Optional.of(file), SimulatedDevice.tx2(5), ends)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> ends.finished.size() == 1);

            ObjectNode override = Json.MAPPER.createObjectNode();
            override.putObject("constraints").putObject("pinned").put("gpu_freq", 123);
            CommandNotAppliedException e = assertThrows(CommandNotAppliedException.class,
                    () -> daemon.tuner().overridePolicy(override));
            assertTrue(e.problems().get(0).startsWith("policy.constraints.pinned.gpu_freq"), e.problems().toString());
            assertEquals(initial.policy(), daemon.tuner().view().config().policy());

            Files.writeString(file, "policy: {budget: 6, strategy: lms, learner: rt, constraints: {pinned: {turbo: 1}}}\n");
            await().atMost(WAIT).until(() -> count(events, EventType.POLICY_REJECTED) == 2);
            assertEquals(initial.policy(), daemon.tuner().view().config().policy(), "the last good policy stays");
        }
        List<TunerEvent> rejections = events.stream().filter(e -> e.type() == EventType.POLICY_REJECTED).toList();
        assertEquals("override", rejections.get(0).data().path("cause").asText());
        assertTrue(rejections.get(1).data().path("problems").get(0).asText().startsWith("policy.constraints.pinned.turbo"),
                rejections.get(1).data().toString());
        assertEquals(1, ends.finished.size(), "no session ran with a policy the device cannot follow");
        assertEquals(0, count(events, EventType.TUNING_FAILED));
    }
}
