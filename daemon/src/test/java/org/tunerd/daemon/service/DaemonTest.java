package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.Configuration;

/** The assembled daemon on the simulated board, without Kafka: events go to the journal. */
class DaemonTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private TunerConfig config(String dnn, int size, int budget) {
        return TestConfigs.simulated(dir, dnn, size, budget,
                new HttpSettings(true, "127.0.0.1", 0, Optional.of("secret"), Optional.empty()));
    }

    /** Collects outcomes of sessions. */
    static final class Outcomes implements TuningListener {
        final List<TuningOutcome> finished = new CopyOnWriteArrayList<>();
        final List<org.tunerd.daemon.tuning.SessionFailure> failed = new CopyOnWriteArrayList<>();

        @Override
        public void finished(TuningOutcome outcome) {
            finished.add(outcome);
        }

        @Override
        public void failed(org.tunerd.daemon.tuning.SessionFailure failure) {
            failed.add(failure);
        }
    }

    private static List<EventType> types(List<TunerEvent> events) {
        return events.stream().map(TunerEvent::type).toList();
    }

    @Test
    void anEnvironmentChangeRunsTheWholeLoopAndEndsAtTheChosenConfiguration() throws Exception {
        SimulatedDevice device = SimulatedDevice.tx2(5);
        Outcomes outcomes = new Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config("xception", 400, 12), Optional.empty(), device, outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            TuningOutcome first = outcomes.finished.get(0);
            assertTrue(first.coldStart(), "an empty store means a cold start");
            assertEquals(first.applied(), device.current());
            // a session reports its end before the runner stores it: under load the first session's model.stored
            // could otherwise land after the announcement below, inside the sequence checked at the end
            await().atMost(WAIT).until(() -> types(events).contains(EventType.MODEL_STORED));

            assertTrue(daemon.announce(new WorkloadAnnouncement("resnet50", 400, 400, Map.of()), "test"));
            assertFalse(daemon.announce(new WorkloadAnnouncement("resnet50", 400, 400, Map.of()), "test"),
                    "a duplicate announcement is no change");
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            TuningOutcome second = outcomes.finished.get(1);
            assertEquals("resnet50", second.environment().dnn());
            assertEquals("sim-tx2_xception_400x400", second.source().orElseThrow().id(), "transfers from the stored one");
            assertEquals(second.applied(), device.current(), "the device ends at the chosen configuration");
            // the session reports its end before the coordinator stores what it measured
            await().atMost(WAIT).until(() -> daemon.store().size() == 2);

            await().atMost(WAIT).until(() -> types(events).lastIndexOf(EventType.MODEL_STORED)
                    > types(events).lastIndexOf(EventType.ENVIRONMENT_CHANGED));
            List<EventType> all = types(events);
            List<EventType> sequence = all.subList(all.lastIndexOf(EventType.ENVIRONMENT_CHANGED), all.size());
            assertEquals(12, sequence.stream().filter(t -> t == EventType.SAMPLE_MEASURED).count());
            List<EventType> steps = new java.util.ArrayList<>();
            for (EventType t : sequence) {
                if (t != EventType.SAMPLE_MEASURED && (steps.isEmpty() || steps.get(steps.size() - 1) != t)) {
                    steps.add(t);
                }
            }
            assertEquals(List.of(EventType.ENVIRONMENT_CHANGED, EventType.TUNING_STARTED, EventType.MODEL_FITTED,
                    EventType.DEVICE_RECONFIGURED, EventType.TUNING_VERIFIED, EventType.MODEL_STORED), steps);
            assertEquals(1, events.stream().filter(e -> e.type() == EventType.ENVIRONMENT_CHANGED
                    && e.data().path("current").path("dnn").asText().equals("resnet50")).count(),
                    "the duplicate announcement produced no second change");
        }
        assertTrue(Files.size(dir.resolve("state/journal/events.jsonl")) > 0, "events are journaled without Kafka");
    }

    @Test
    void aRestartReusesStoredMeasurementsInsteadOfMeasuringAgain() throws Exception {
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config("xception", 400, 12), Optional.empty(), SimulatedDevice.tx2(5), outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
        }
        Outcomes afterRestart = new Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        SimulatedDevice device = SimulatedDevice.tx2(6);
        try (Daemon daemon = Daemon.start(config("xception", 400, 12), Optional.empty(), device, afterRestart)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> afterRestart.finished.size() == 1);
            assertEquals(afterRestart.finished.get(0).applied(), device.current(), "the optimum is re-applied");
        }
        assertFalse(types(events).contains(EventType.ENVIRONMENT_CHANGED), "a plain restart is no environment change");
        assertEquals(0, types(events).stream().filter(t -> t == EventType.SAMPLE_MEASURED).count(),
                "stored measurements are reused");
    }

    @Test
    void pinsHoldTheDeviceAndInvalidOverridesAreRejected() throws Exception {
        SimulatedDevice device = SimulatedDevice.tx2(5);
        Outcomes outcomes = new Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config("xception", 400, 10), Optional.empty(), device, outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            Configuration pin = device.describe().space().get(0);
            assertEquals("ACCEPTED", daemon.tuner().actions().pin(PinRequest.of(pin)).outcome().name());
            await().atMost(WAIT).until(() -> device.current().equals(pin));
            assertEquals("INVALID", daemon.tuner().actions().pin(PinRequest.of(pin.with("gpu_freq", 123))).outcome().name());
            assertTrue(daemon.tuner().view().status().pinned());

            ObjectNode bad = new ObjectMapper().createObjectNode().put("budget", -3);
            TunerConfig before = daemon.tuner().view().config();
            try {
                daemon.tuner().overridePolicy(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("policy.budget"), expected.getMessage());
            }
            assertEquals(before, daemon.tuner().view().config(), "the policy in force stays");
            await().atMost(WAIT).until(() -> types(events).contains(EventType.POLICY_REJECTED));

            assertEquals("ACCEPTED", daemon.tuner().actions().release().outcome().name());
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            assertFalse(daemon.tuner().view().status().pinned());
        }
    }

    @Test
    void httpServesTheRealTunerAndGuardsMutations() throws Exception {
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config("xception", 400, 10), Optional.empty(), SimulatedDevice.tx2(5), outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            int port = daemon.httpPort().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode());
            assertTrue(status.body().contains("xception"), status.body());
            HttpResponse<String> pareto = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/pareto"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, pareto.statusCode());
            assertTrue(pareto.body().contains("gpu_freq"), pareto.body());
            String body = "{\"dnn\":\"resnet50\",\"width\":224,\"height\":224}";
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/workload"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
            HttpResponse<String> announced = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/workload"))
                    .header("Authorization", "Bearer secret").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, announced.statusCode(), announced.body());
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            assertEquals("resnet50", outcomes.finished.get(1).environment().dnn());
        }
    }

    @Test
    void aSessionInterruptedByARestartResumesInsteadOfStartingOver() throws Exception {
        TunerConfig config = config("xception", 400, 10);
        // the first run dies at its 4th measurement: its checkpoint holds 3, as after a kill
        MeasureCounter dying = new MeasureCounter(SimulatedDevice.tx2(5), 3);
        Outcomes ends = new Outcomes();
        try (Daemon first = Daemon.start(config, Optional.empty(), dying, ends)) {
            await().atMost(WAIT).until(() -> ends.failed.size() == 1);
        }
        assertEquals(3, dying.measured.get(), "interrupted before the end");

        MeasureCounter device = new MeasureCounter(SimulatedDevice.tx2(6), Integer.MAX_VALUE);
        Outcomes outcomes = new Outcomes();
        try (Daemon second = Daemon.start(config, Optional.empty(), device, outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            assertTrue(second.events().awaitJournaled(WAIT));
        }
        TuningOutcome outcome = outcomes.finished.get(0);
        assertEquals(10, outcome.samples().size());
        assertEquals(7 + outcome.verifications(), device.measured.get(),
                "only the rest of the plan is measured after the restart");
        List<String> lines = Files.readAllLines(dir.resolve("state/journal/events.jsonl"));
        TunerEvent resumed = null;
        for (String line : lines) {
            TunerEvent e = org.tunerd.daemon.events.EventCodec.decode(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (e.type() == EventType.TUNING_STARTED) {
                resumed = e;
            }
        }
        assertTrue(resumed != null && resumed.data().path("resumed").asBoolean(), String.valueOf(resumed));
    }

    /** A simulated board that counts its measurements and fails every one after the first {@code limit}. */
    static final class MeasureCounter extends ForwardingDevice {
        final java.util.concurrent.atomic.AtomicInteger measured = new java.util.concurrent.atomic.AtomicInteger();
        private final int limit;

        MeasureCounter(SimulatedDevice delegate, int limit) {
            super(delegate);
            this.limit = limit;
        }

        @Override
        public org.tunerd.models.data.Measurement measure(org.tunerd.daemon.device.Workload workload) {
            if (measured.get() >= limit) {
                throw new org.tunerd.daemon.device.DeviceException("the board stopped answering");
            }
            org.tunerd.models.data.Measurement m = super.measure(workload);
            measured.incrementAndGet();
            return m;
        }
    }

    @Test
    void driftAgainstTheVerifiedMeasurementRetunesAfresh() throws Exception {
        TunerConfig base = config("xception", 400, 8);
        TunerConfig config = new TunerConfig(base.deviceId(), base.device(), base.workload(), base.policy(),
                new org.tunerd.daemon.config.RetuneSettings(true, Optional.empty(), java.util.OptionalDouble.of(0.2),
                        Duration.ofHours(1)), base.kafka(), base.http(), base.store());
        SlowingDevice device = new SlowingDevice(SimulatedDevice.tx2(5));
        Outcomes outcomes = new Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            assertFalse(daemon.tuner().checkDrift().get(), "2% noise is no drift");
            daemon.events().subscribe(events::add);
            device.factor = 1.5;
            assertTrue(daemon.tuner().checkDrift().get(), "50% slower is drift");
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            // subscribers hear of events on the journal thread, which may lag behind the session
            assertTrue(daemon.events().awaitJournaled(WAIT), "events journaled");
            assertEquals(8, types(events).stream().filter(t -> t == EventType.SAMPLE_MEASURED).count(),
                    "a drift retune measures afresh instead of reusing stale measurements");
        }
    }

    /** A simulated board whose inference becomes slower when {@link #factor} is raised: drift. */
    static final class SlowingDevice extends ForwardingDevice {
        volatile double factor = 1;

        SlowingDevice(SimulatedDevice delegate) {
            super(delegate);
        }

        @Override
        public org.tunerd.models.data.Measurement measure(org.tunerd.daemon.device.Workload workload) {
            var m = super.measure(workload);
            return new org.tunerd.models.data.Measurement(m.configuration(), m.latency() * factor, m.energy() * factor);
        }
    }

    private static TunerConfig withWorkload(TunerConfig c, Duration settle, Optional<Path> watchFile) {
        WorkloadSettings w = c.workload();
        return new TunerConfig(c.deviceId(), c.device(), new WorkloadSettings(w.dnn(), w.width(), w.height(),
                w.attributes(), w.command(), w.warmups(), w.repetitions(), settle, watchFile), c.policy(),
                c.retune(), c.kafka(), c.http(), c.store());
    }

    @Test
    void aFailedStartLeavesNothingRunning() throws Exception {
        TunerConfig config = config("xception", 400, 6);
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            TunerConfig onBusyPort = new TunerConfig(config.deviceId(), config.device(), config.workload(), config.policy(),
                    config.retune(), config.kafka(), new HttpSettings(true, "127.0.0.1", busy.getLocalPort(),
                    Optional.of("secret"), Optional.empty()), config.store());
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> Daemon.start(onBusyPort, Optional.empty(), SimulatedDevice.tx2(5), new Outcomes()));
        }
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(5), outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
        }
    }

    @Test
    void anInvalidConfigFileKeepsTheLastGoodOne() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10, strategy: lms, learner: rt}\n");
        TunerConfig initial = config("xception", 400, 10);
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(initial, Optional.of(file), SimulatedDevice.tx2(5), outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            Files.writeString(file, "policy: {budget: -1}\n");
            await().atMost(WAIT).until(() -> types(events).contains(EventType.POLICY_REJECTED));
            assertEquals(initial.policy(), daemon.tuner().view().config().policy());
            Files.writeString(file, "policy: {budget: 8, strategy: lms, learner: rt}\n");
            await().atMost(WAIT).until(() -> types(events).contains(EventType.POLICY_RELOADED));
            assertEquals(8, daemon.tuner().view().config().policy().budget().count());
        }
    }

    @Test
    void aWatchedWorkloadFileAnnouncesItsWorkloadAndABrokenOneIsRejected() throws Exception {
        Path file = dir.resolve("workload.yaml");
        TunerConfig base = config("xception", 400, 10);
        TunerConfig config = withWorkload(base, base.workload().settle(), Optional.of(file));
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(5), outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            Files.writeString(file, "dnn: resnet50\nsize: 400x400\n");
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            assertEquals("resnet50", outcomes.finished.get(1).environment().dnn());

            Files.writeString(file, "dnn: resnet50\nsize: 400x\n");
            await().atMost(WAIT).until(() -> types(events).contains(EventType.COMMAND_REJECTED));
            TunerEvent rejected = events.stream().filter(e -> e.type() == EventType.COMMAND_REJECTED).findFirst().orElseThrow();
            assertEquals("workload file", rejected.data().path("origin").asText());
            assertTrue(rejected.data().path("reason").asText().contains("size"), rejected.data().toString());
            assertFalse(daemon.announce(new WorkloadAnnouncement("resnet50", 400, 400, Map.of()), "test"),
                    "the last good workload stays in force");
            assertEquals(2, outcomes.finished.size());
        }
    }
}
