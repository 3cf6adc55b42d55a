package org.tunerd.daemon.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.Similarity;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;

/** Fitted source models are kept per environment and measurement count until the store changes them. */
class SourceCacheTest {

    @TempDir
    Path dir;

    private static StoredModel stored(MeasurementSet data) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredModel(data, List.of(), Map.of(), now, now);
    }

    @Test
    void sessionsShareOneModelPerStoredEnvironmentUntilTheStoreWritesIt() {
        MeasurementSet inception = Datasets.read("inceptionv3_600x600");
        MeasurementSet xception = Datasets.read("xception_200x200");
        ModelStore store = new ModelStore(dir, new Similarity(1, 1, 1, 1));
        SourceCache cache = new SourceCache(4);
        store.onChange(cache::invalidate);
        store.save(stored(inception));
        store.save(stored(xception));

        var first = cache.sources(List.of(inception, xception));
        var second = cache.sources(List.of(store.get(inception.environment()).orElseThrow().data()));
        assertSame(first.get(0).values(), second.get(0).values(), "the same environment and count: the same model");
        assertNotSame(first.get(0), second.get(0), "a fresh Source per session (its learner models are the session's)");
        assertEquals(2, cache.size());

        MeasurementSet fewer = inception.withMeasurements(inception.measurements().subList(0, 400));
        assertNotSame(first.get(0).values(), cache.source(fewer).values(), "another measurement count, another model");

        store.save(stored(inception)); // rewritten (a retune, a fleet import): same count, maybe other values
        assertNotSame(first.get(0).values(), cache.source(inception).values());
        assertSame(first.get(1).values(), cache.source(xception).values(), "other environments are kept");
    }
}
