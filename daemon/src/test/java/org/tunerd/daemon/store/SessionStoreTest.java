package org.tunerd.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

class SessionStoreTest {

    @TempDir
    Path dir;

    @Test
    void aSessionSurvivesARestartAndResumesWhereItStopped() {
        Environment env = new Environment("TX2", "xception", 600, 600);
        List<Configuration> plan = ModelStoreTest.SPACE.configurations().subList(0, 4);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SessionCheckpoint cp = new SessionCheckpoint("s-1", env, "kafka", ModelStoreTest.SPACE, Optional.of("tx2_xception_400x400"),
                List.of("tx2_inceptionv3_600x600", "tx2_xception_200x200"), Map.of("strategy", "gs", "learner", "rf", "budget", "4"), plan, List.of(), t0, t0,
                Optional.of(t0.minusSeconds(60)));
        SessionStore store = new SessionStore(dir);
        store.save(cp);
        cp = cp.withMeasurement(new Measurement(plan.get(1), 0.5, Double.NaN), t0.plusSeconds(5));
        store.save(cp);
        cp = cp.withMeasurement(new Measurement(plan.get(0), 0.7, 3.5), t0.plusSeconds(9));
        store.save(cp);

        SessionCheckpoint back = new SessionStore(dir).load(env).orElseThrow();
        assertEquals(cp.sessionId(), back.sessionId());
        assertEquals("kafka", back.origin());
        assertEquals(Optional.of(t0.minusSeconds(60)), back.resumedFrom());
        assertEquals(cp.environment(), back.environment());
        assertEquals(cp.space().options(), back.space().options());
        assertEquals(cp.sourceId(), back.sourceId());
        assertEquals(cp.extraSourceIds(), back.extraSourceIds());
        assertEquals(cp.settings(), back.settings());
        assertEquals(plan, back.planned());
        assertEquals(List.of(plan.get(2), plan.get(3)), back.remaining());
        assertEquals(0.5, back.measured().get(0).latency());
        assertTrue(Double.isNaN(back.measured().get(0).energy()));
        assertEquals(cp.updated(), back.updated());

        store.clear(env);
        assertEquals(Optional.empty(), new SessionStore(dir).load(env));
    }

    @Test
    void aCheckpointWrittenBeforeSeveralSourcesReadsWithTheOneSource() throws Exception {
        Environment env = new Environment("TX2", "xception", 600, 600);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SessionCheckpoint cp = new SessionCheckpoint("s-2", env, "http", ModelStoreTest.SPACE, Optional.of("tx2_xception_400x400"),
                List.of(), Map.of(), List.of(), List.of(), t0, t0, Optional.empty());
        var json = SessionStore.toJson(cp);
        json.remove("extraSourceIds");
        json.remove("origin");
        SessionStore store = new SessionStore(dir);
        Files.writeString(store.fileOf(env), json.toString());
        SessionCheckpoint back = store.load(env).orElseThrow();
        assertEquals("unknown", back.origin(), "written before checkpoints named their origin");
        assertEquals(Optional.of("tx2_xception_400x400"), back.sourceId());
        assertEquals(List.of(), back.extraSourceIds());

        json.putArray("extraSourceIds").add(3);
        Files.writeString(store.fileOf(env), json.toString());
        assertEquals(Optional.empty(), store.load(env));
        assertTrue(store.problems().get(0).reason().startsWith("extraSourceIds[0]"), store.problems().toString());
    }

    @Test
    void aCorruptCheckpointIsMovedAsideAndReported() throws Exception {
        SessionStore store = new SessionStore(dir);
        Environment env = new Environment("TX2", "xception", 600, 600);
        String name = store.fileOf(env).getFileName().toString();
        Files.writeString(store.fileOf(env), "{\"formatVersion\": 1, \"sessionId\": \"x\"}");
        assertEquals(Optional.empty(), store.load(env));
        assertEquals(1, store.problems().size());
        assertTrue(store.problems().get(0).reason().startsWith("environment: must be an object"), store.problems().toString());
        try (var kept = Files.list(dir)) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith(name + ".corrupt-")).count());
        }
        assertTrue(Files.notExists(store.fileOf(env)));
        Files.writeString(store.fileOf(env), "not json");           // a second corrupt one does not replace the first
        assertEquals(Optional.empty(), store.load(env));
        try (var kept = Files.list(dir)) {
            assertEquals(2, kept.filter(p -> p.getFileName().toString().startsWith(name + ".corrupt-")).count());
        }
    }

    @Test
    void eachEnvironmentKeepsItsOwnCheckpoint() {
        Environment xception = new Environment("TX2", "xception", 600, 600);
        Environment resnet = new Environment("TX2", "resnet50", 224, 224);
        List<Configuration> plan = ModelStoreTest.SPACE.configurations().subList(0, 2);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        SessionStore store = new SessionStore(dir);
        store.save(new SessionCheckpoint("s-x", xception, "kafka", ModelStoreTest.SPACE, Optional.empty(), List.of(),
                Map.of(), plan, List.of(new Measurement(plan.get(0), 0.5, 1.0)), t0, t0, Optional.empty()));
        store.save(new SessionCheckpoint("s-r", resnet, "startup", ModelStoreTest.SPACE, Optional.empty(), List.of(),
                Map.of(), plan, List.of(), t0, t0, Optional.empty()));
        assertEquals("s-x", store.load(xception).orElseThrow().sessionId(), "another environment's session keeps it");
        assertEquals(1, store.load(xception).orElseThrow().measured().size());
        store.clear(resnet);
        assertEquals(Optional.empty(), store.load(resnet));
        assertEquals("s-x", new SessionStore(dir).load(xception).orElseThrow().sessionId());
    }

    @Test
    void theOneCheckpointOfAnOlderVersionIsReadForItsEnvironment() throws Exception {
        Environment env = new Environment("TX2", "xception", 600, 600);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        var json = SessionStore.toJson(new SessionCheckpoint("s-old", env, "unknown", ModelStoreTest.SPACE,
                Optional.empty(), List.of(), Map.of(), List.of(), List.of(), t0, t0, Optional.empty()));
        Files.writeString(dir.resolve("current.json"), json.toString());
        SessionStore store = new SessionStore(dir);
        assertEquals(Optional.empty(), store.load(new Environment("TX2", "resnet50", 224, 224)));
        assertEquals("s-old", store.load(env).orElseThrow().sessionId());
        store.clear(env);
        assertTrue(Files.notExists(dir.resolve("current.json")));
    }
}
