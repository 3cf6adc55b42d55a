package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import org.tunerd.daemon.store.Similarity;

/**
 * Where the daemon keeps its state. Paths are absolute (relative ones in the file are resolved against
 * the working directory when the file is read).
 *
 * @param directory  state directory (default {@code $STATE_DIRECTORY} under systemd, else {@code /var/lib/tunerd})
 * @param models     stored environments, one JSON file each (default {@code <directory>/models})
 * @param sessions   checkpoints of tuning sessions in progress (default {@code <directory>/sessions})
 * @param journal    directory of the append-only event journal (default {@code <directory>/journal})
 * @param similarity how the nearest stored environment is chosen as transfer source
 * @param maxSources at most this many stored environments a session transfers from at once (the nearest
 *                   first; 1 = the nearest alone), in [1, {@value #MAX_SOURCES_LIMIT}]
 */
public record StoreSettings(Path directory, Path models, Path sessions, Path journal, Similarity similarity,
                            int maxSources) {

    /** Default of {@code store.maxSources}. */
    public static final int DEFAULT_MAX_SOURCES = 4;
    /** Largest {@code store.maxSources} accepted: each source adds a model fit per metric and validation fold. */
    public static final int MAX_SOURCES_LIMIT = 16;

    public StoreSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(similarity, "similarity");
        if (maxSources < 1 || maxSources > MAX_SOURCES_LIMIT) {
            throw new IllegalArgumentException("store.maxSources must be in [1, " + MAX_SOURCES_LIMIT + "], got "
                    + maxSources);
        }
    }

    /** Settings with every path under {@code directory} at its default place, and the default maximum of sources. */
    public static StoreSettings under(Path directory, Similarity similarity) {
        Path d = directory.toAbsolutePath().normalize();
        return new StoreSettings(d, d.resolve("models"), d.resolve("sessions"), d.resolve("journal"),
                similarity, DEFAULT_MAX_SOURCES);
    }

    /** These settings with at most {@code n} sources per session. */
    public StoreSettings withMaxSources(int n) {
        return new StoreSettings(directory, models, sessions, journal, similarity, n);
    }
}
