package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.space.Budget;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Environment;

/** Transfer from several stored environments: which are chosen, and that a session uses and names them. */
class MultiSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Workload INCEPTION_600 = Workload.of("inceptionv3", 600, 600);
    private static final Workload XCEPTION_200 = Workload.of("xception", 200, 200);
    private static final Workload XCEPTION_400 = Workload.of("xception", 400, 400);
    private static final Workload XCEPTION_600 = Workload.of("xception", 600, 600);

    @TempDir
    Path dir;

    private final ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);

    private TunerConfig config(Path state, int maxSources, Workload workload) {
        TunerConfig base = new ConfigLoader().defaults();
        WorkloadSettings w = new WorkloadSettings(workload.dnn(), workload.width(), workload.height(), Map.of(),
                Optional.empty(), 0, 1, Duration.ZERO, Optional.empty());
        PolicySettings policy = new PolicySettings(base.policy().objective(), "stacked-gp", base.policy().learner(),
                Budget.ofCount(10), base.policy().constraints());
        return new TunerConfig("test-device", base.device(), w, policy, base.retune(), base.kafka(),
                new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(state, base.store().similarity()).withMaxSources(maxSources));
    }

    /** Stores the first {@code rows} measured rows of {@code workload} (all: a profiled, well-covered environment). */
    private void seed(ModelStore store, Workload workload, int rows) {
        MeasurementSet all = device.data(workload);
        MeasurementSet data = new MeasurementSet(all.environment(), all.space(),
                all.measurements().subList(0, Math.min(rows, all.size())));
        Instant now = Instant.now();
        store.save(new StoredModel(data, List.of(), Map.of(), now, now));
    }

    private ModelStore seededStore(Path state) {
        ModelStore store = new ModelStore(state.resolve("models"), new ConfigLoader().defaults().store().similarity());
        seed(store, INCEPTION_600, Integer.MAX_VALUE);
        seed(store, XCEPTION_200, Integer.MAX_VALUE);
        seed(store, XCEPTION_400, 15); // nearer, but too few measurements to stand beside a profiled source
        return store;
    }

    private Environment env(Workload w) {
        return w.environment(device.describe().hardware());
    }

    @Test
    void theNearestWellCoveredSourceComesFirstThenTheOthersUpToTheMaximum() {
        ModelStore store = seededStore(dir);
        var space = device.describe().space();
        Environment target = env(XCEPTION_600);
        List<Environment> four = new SourceSelector(store, space, 4).select(target).stream()
                .map(MeasurementSet::environment).toList();
        assertEquals(List.of(env(XCEPTION_200), env(INCEPTION_600)), four,
                "same DNN first; the barely measured 400x400 is no extra source");
        assertEquals(List.of(env(XCEPTION_200)), new SourceSelector(store, space, 1).select(target).stream()
                .map(MeasurementSet::environment).toList());
    }

    @Test
    void aResumedSessionKeepsItsSourcesAndDropsOnlyThoseGoneFromTheStore() {
        ModelStore store = seededStore(dir);
        SourceSelector selector = new SourceSelector(store, device.describe().space(), 4);
        Environment target = env(XCEPTION_600);
        String inception = env(INCEPTION_600).id();
        String x200 = env(XCEPTION_200).id();
        // started with inception as the primary source (e.g. before 200x200 was profiled as well)
        assertEquals(List.of(env(INCEPTION_600)), selector.resume(target, inception, List.of()).stream()
                .map(MeasurementSet::environment).toList());
        assertEquals(List.of(env(INCEPTION_600), env(XCEPTION_200)), selector.resume(target, inception,
                List.of(x200, "tx2_gone_1x1")).stream().map(MeasurementSet::environment).toList());
        // the primary source is gone: selected afresh
        assertEquals(selector.select(target), selector.resume(target, "tx2_gone_1x1", List.of(inception)));
    }

    @Test
    void aSessionFitsFromEveryChosenSourceAndTheEventsAndApiNameThem() throws Exception {
        Path state = dir.resolve("pooled");
        seededStore(state).size();
        DaemonTest.Outcomes outcomes = new DaemonTest.Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config(state, 4, Workload.of("xception", 800, 800)), Optional.empty(), device,
                outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            daemon.events().subscribe(events::add);
            daemon.announce(new WorkloadAnnouncement("xception", 600, 600, Map.of()), "test");
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            // a session reports its end before the runner keeps it (status, then store): wait for the store, or
            // under load the view and the store below still hold the session before
            await().atMost(WAIT).until(() -> daemon.store().get(env(XCEPTION_600)).isPresent());

            var outcome = outcomes.finished.get(1);
            assertEquals(env(XCEPTION_200), outcome.source().orElseThrow());
            assertEquals(List.of(env(INCEPTION_600)), outcome.extraSources(),
                    "the session tuned before (800x800, a few measurements) is no extra source");
            JsonNode started = events.stream().filter(e -> e.type() == EventType.TUNING_STARTED).findFirst()
                    .orElseThrow().data();
            assertEquals(env(XCEPTION_200).id(), started.path("source").path("id").asText(), started.toString());
            assertEquals(List.of(env(INCEPTION_600).id()), ids(started.path("extraSourceIds")));
            assertEquals(List.of(env(INCEPTION_600).id()), daemon.tuner().view().model().orElseThrow().extraSourceIds());
            assertEquals(env(INCEPTION_600).id(), daemon.store().get(env(XCEPTION_600)).orElseThrow().settings()
                    .get("extraSources"));
        }

        // the same session with one source measures the same configurations (the optimiser follows the primary
        // source) but fits other models
        Path single = dir.resolve("single");
        seededStore(single);
        DaemonTest.Outcomes alone = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config(single, 1, XCEPTION_600), Optional.empty(), device, alone)) {
            await().atMost(WAIT).until(() -> alone.finished.size() == 1);
        }
        var one = alone.finished.get(0);
        var pooled = outcomes.finished.get(1);
        assertEquals(List.of(), one.extraSources());
        assertEquals(one.samples(), pooled.samples(), "the sequential optimiser uses the primary source alone");
        assertNotEquals(one.prediction().latency()[0], pooled.prediction().latency()[0],
                "the pooled model predicts differently: it was fitted from both sources");
    }

    @Test
    void aRestartResumesWithTheSourcesTheInterruptedSessionStartedWith() throws Exception {
        Path state = dir.resolve("resumed");
        seededStore(state);
        // a session for 600x600 started from inception alone (say, before 200x200 was profiled) and was interrupted
        Environment target = env(XCEPTION_600);
        List<org.tunerd.models.data.Measurement> measured = device.data(XCEPTION_600).measurements().subList(100, 103);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        new org.tunerd.daemon.store.SessionStore(state.resolve("sessions")).save(new org.tunerd.daemon.store.SessionCheckpoint(
                "s-1", target, "startup", device.describe().space(), Optional.of(env(INCEPTION_600).id()), List.of(),
                Map.of(), List.of(), measured, t0, t0, Optional.empty()));
        DaemonTest.Outcomes outcomes = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(config(state, 4, XCEPTION_600), Optional.empty(), device, outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
        }
        var outcome = outcomes.finished.get(0);
        assertEquals(env(INCEPTION_600), outcome.source().orElseThrow(), "not the 200x200 a fresh choice would take");
        assertEquals(List.of(), outcome.extraSources());
        assertTrue(outcome.samples().containsAll(measured), "the interrupted session's measurements are reused");
    }

    private static List<String> ids(JsonNode array) {
        assertTrue(array.isArray(), array.toString());
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
