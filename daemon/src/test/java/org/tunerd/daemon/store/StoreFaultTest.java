package org.tunerd.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/** Issue 11 point 13: ids too long for a file name, and a corrupt model file that must not be overwritten. */
class StoreFaultTest {

    @TempDir
    Path dir;

    private static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(Option.ordinal("cores",
            List.of(1.0, 2.0))));

    private static StoredModel model(Environment env) {
        MeasurementSet data = new MeasurementSet(env, SPACE, List.of(new Measurement(Configuration.of("cores", 1), 0.2,
                1.0), new Measurement(Configuration.of("cores", 2), 0.1, 1.5)));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredModel(data, List.of(), Map.of(), t, t);
    }

    @Test
    void anIdLongerThanAFileNameCanHoldIsStoredAndReadBack() {
        String longName = "d".repeat(300);
        Environment a = new Environment("tx2", longName, 224, 224, Map.of("framework", "x".repeat(400)));
        Environment b = new Environment("tx2", longName, 224, 224, Map.of("framework", "x".repeat(399) + "y"));
        Environment shortOne = new Environment("tx2", "xception", 224, 224);
        ModelStore store = new ModelStore(dir, Similarity.defaults());
        store.save(model(a));
        store.save(model(b));
        store.save(model(shortOne));
        assertTrue(store.fileOf(a.id()).getFileName().toString().length() <= 255);
        assertNotEquals(store.fileOf(a.id()), store.fileOf(b.id()), "distinct ids, distinct files");
        assertEquals("tx2_xception_224x224.json", store.fileOf(shortOne.id()).getFileName().toString(),
                "short ids stay readable");
        ModelStore reopened = new ModelStore(dir, Similarity.defaults());
        assertEquals(3, reopened.size());
        assertEquals(List.of(), reopened.problems());
        assertEquals(a, reopened.get(a).orElseThrow().environment());
    }

    @Test
    void aCorruptModelFileIsKeptAsideInsteadOfOverwritten() throws Exception {
        Environment env = new Environment("tx2", "xception", 224, 224);
        Path file = new ModelStore(dir, Similarity.defaults()).fileOf(env.id());
        Files.writeString(file, "{\"formatVersion\": 1, \"environment\": {\"truncated");
        ModelStore store = new ModelStore(dir, Similarity.defaults());
        assertEquals(1, store.problems().size());
        store.save(model(env));
        try (var files = Files.list(dir)) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".corrupt-"))
                    .toList();
            assertEquals(1, aside.size());
            assertEquals("{\"formatVersion\": 1, \"environment\": {\"truncated", Files.readString(aside.get(0)));
        }
        assertEquals(1, new ModelStore(dir, Similarity.defaults()).size());
    }
}
