package org.tunerd.daemon.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.models.space.Environment;

/**
 * Remembers the current environment and turns observations into {@link EnvironmentChanged} only when
 * something really changed. The last environment is kept in a small JSON file (the {@link ModelJson}
 * environment form, written atomically) so that a restart on a new
 * board, or with a new workload, is recognised as a change, and a plain restart is not. Thread-safe.
 */
public final class EnvironmentTracker {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> stateFile;
    private final Clock clock;
    private Environment current;

    /** A tracker remembering its environment in {@code stateFile} (empty: in memory only). */
    public EnvironmentTracker(Optional<Path> stateFile, Clock clock) {
        this.stateFile = stateFile;
        this.clock = clock;
        this.current = stateFile.flatMap(EnvironmentTracker::load).orElse(null);
    }

    /** The environment in force, if any was observed (or remembered). */
    public synchronized Optional<Environment> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Records {@code environment}; returns the change if it differs from the current one.
     *
     * @param source who reported it, for events and logs
     */
    public synchronized Optional<EnvironmentChanged> observe(Environment environment, String source) {
        if (environment.equals(current)) {
            LOG.debug("environment {} reported again by {}: no change", environment, source);
            return Optional.empty();
        }
        EnvironmentChanged change = new EnvironmentChanged(Optional.ofNullable(current), environment, source,
                clock.instant());
        current = environment;
        stateFile.ifPresent(f -> save(f, environment));
        return Optional.of(change);
    }

    private static Optional<Environment> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelJson.environment(JSON.readTree(file.toFile()), file.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable environment state {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static void save(Path file, Environment environment) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(ModelJson.environment(environment)));
        } catch (IOException e) {
            LOG.warn("cannot remember environment in {}: {}", file, e.getMessage());
        }
    }
}
