package org.tunerd.daemon.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.models.space.Environment;

/**
 * Remembers the current environment and turns observations into {@link EnvironmentChanged} only when
 * something really changed. The last environment is kept in a small JSON file (written atomically) with who
 * reported it and which environment the configuration file named at the time, so that a restart on a new
 * board, or with a new workload in the file, is recognised as a change, a plain restart is not, and a
 * workload announced at run time (HTTP, Kafka, the workload file) stays in force across a restart
 * ({@link EnvironmentDetector#startUp}). Thread-safe.
 *
 * <pre>{"formatVersion": 1, "environment": environment, "source": "kafka", "configured": environment | null}</pre>
 * ({@code environment} in the {@link ModelJson} form). A file holding a bare environment (written before the
 * source was kept) reads as reported by {@code startup}.
 */
public final class EnvironmentTracker {

    /** Version of the state document written by this code. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The environment in force and where it came from.
     *
     * @param environment the environment
     * @param source      who reported it ({@code startup} for the configuration file's workload, else e.g.
     *                    {@code http}, {@code kafka}, {@code file})
     * @param configured  the environment the configuration file's workload named when this one was reported
     */
    public record Remembered(Environment environment, String source, Optional<Environment> configured) {
        public Remembered {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(configured, "configured");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> stateFile;
    private final Clock clock;
    private Remembered current;
    private Optional<Environment> configured = Optional.empty();

    /** A tracker remembering its environment in {@code stateFile} (empty: in memory only). */
    public EnvironmentTracker(Optional<Path> stateFile, Clock clock) {
        this.stateFile = stateFile;
        this.clock = clock;
        this.current = stateFile.flatMap(EnvironmentTracker::load).orElse(null);
    }

    /** The environment in force, if any was observed (or remembered). */
    public synchronized Optional<Environment> current() {
        return remembered().map(Remembered::environment);
    }

    /** The environment in force with who reported it, if any was observed (or remembered). */
    public synchronized Optional<Remembered> remembered() {
        return Optional.ofNullable(current);
    }

    /** Who reported {@code environment}, if it is the one in force. */
    public synchronized Optional<String> sourceOf(Environment environment) {
        return remembered().filter(r -> r.environment().equals(environment)).map(Remembered::source);
    }

    /**
     * Notes the environment the configuration file's workload names now; it is kept with every later
     * observation, so a restart can tell whether the file changed since an announcement.
     */
    public synchronized void configuredAs(Environment environment) {
        configured = Optional.of(environment);
        if (current != null && !current.configured().equals(configured)) {
            current = new Remembered(current.environment(), current.source(), configured);
            stateFile.ifPresent(f -> save(f, current));
        }
    }

    /**
     * Records {@code environment}; returns the change if it differs from the current one.
     *
     * @param source who reported it, for events and logs
     */
    public synchronized Optional<EnvironmentChanged> observe(Environment environment, String source) {
        if (current != null && environment.equals(current.environment())) {
            LOG.debug("environment {} reported again by {}: no change", environment, source);
            return Optional.empty();
        }
        EnvironmentChanged change = new EnvironmentChanged(current(), environment, source, clock.instant());
        current = new Remembered(environment, source, configured);
        stateFile.ifPresent(f -> save(f, current));
        return Optional.of(change);
    }

    private static Optional<Remembered> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!n.has("formatVersion")) { // a bare environment, as written before the source was kept
                return Optional.of(new Remembered(ModelJson.environment(n, file.toString()), "startup",
                        Optional.empty()));
            }
            if (n.path("formatVersion").asInt() != FORMAT_VERSION) {
                throw new IllegalArgumentException("formatVersion: unsupported " + n.get("formatVersion"));
            }
            Environment environment = ModelJson.environment(n.get("environment"), "environment");
            String source = n.path("source").isTextual() ? n.get("source").asText() : "startup";
            Optional<Environment> configured = n.hasNonNull("configured")
                    ? Optional.of(ModelJson.environment(n.get("configured"), "configured")) : Optional.empty();
            return Optional.of(new Remembered(environment, source, configured));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable environment state {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static void save(Path file, Remembered remembered) {
        try {
            ObjectNode n = JSON.createObjectNode();
            n.put("formatVersion", FORMAT_VERSION);
            n.set("environment", ModelJson.environment(remembered.environment()));
            n.put("source", remembered.source());
            remembered.configured().ifPresentOrElse(c -> n.set("configured", ModelJson.environment(c)),
                    () -> n.putNull("configured"));
            AtomicFiles.write(file, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            LOG.warn("cannot remember environment in {}: {}", file, e.getMessage());
        }
    }
}
