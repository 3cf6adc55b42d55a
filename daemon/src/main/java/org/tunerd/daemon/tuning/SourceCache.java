package org.tunerd.daemon.tuning;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.transfer.Source;

/**
 * The fitted models of the stored environments sessions transfer from, kept between sessions: one
 * {@link SourceModel} (measured and smoothed values; the smoother takes seconds to fit on a profiled source)
 * per environment id and measurement count, shared by every later session that transfers from the
 * environment. The daemon {@linkplain #invalidate invalidates} an environment whenever its stored
 * measurements change (a store write, a fleet import, a re-read of the store folder). Holds at most
 * {@code maximumSize} environments, least recently used first out; a 768-point source takes about 100 kB.
 * Thread-safe.
 */
public final class SourceCache {

    private record Key(String environmentId, int measurements) {
    }

    private final Cache<Key, SourceModel> models;

    public SourceCache(int maximumSize) {
        this.models = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The sources of {@code stored}, in order, each sharing the cached model of its environment. */
    public List<Source> sources(List<MeasurementSet> stored) {
        return stored.stream().map(this::source).toList();
    }

    /** The source of {@code stored}, sharing the cached model of its environment (made on first use). */
    public Source source(MeasurementSet stored) {
        Key key = new Key(stored.environment().id(), stored.size());
        return new Source(models.get(key, k -> new SourceModel(stored)));
    }

    /** Forgets the models of {@code environmentId}: its stored measurements changed. */
    public void invalidate(String environmentId) {
        models.asMap().keySet().removeIf(k -> k.environmentId().equals(environmentId));
    }

    /** Environments held. */
    public long size() {
        models.cleanUp();
        return models.estimatedSize();
    }
}
