package org.tunerd.daemon.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Keeps the checkpoints of tuning sessions in progress, one per environment ({@code <environment id>.json} in
 * its folder, named as the model store names its files, written atomically): a session interrupted by a
 * restart, or by another environment announced meanwhile, resumes when its environment is tuned again, and
 * never loses its measurements to another environment's session. A checkpoint is removed when its session
 * finishes. An unreadable checkpoint is renamed to {@code <name>.corrupt-<time>} (kept for inspection, never
 * replaced by a later one), reported by {@link #problems()}, and treated as absent. A {@code current.json}
 * left by an older tunerd (one checkpoint for the device) is read for its environment. Calls do file I/O:
 * never call them on an event loop.
 */
public final class SessionStore {

    /** Version of the checkpoint document written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    /** The one checkpoint of older versions. */
    private static final String LEGACY = "current.json";

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper();
    private final List<StoreProblem> problems = new ArrayList<>();

    public SessionStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The checkpoint file of {@code environment}. */
    public Path fileOf(Environment environment) {
        return directory.resolve(ModelStore.fileNameOf(environment.id()));
    }

    /** Saves (replaces) the checkpoint of its environment. */
    public synchronized void save(SessionCheckpoint checkpoint) {
        Path file = fileOf(checkpoint.environment());
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(toJson(checkpoint)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session checkpoint " + file, e);
        }
        dropLegacy(checkpoint.environment());
    }

    /** The saved checkpoint of {@code environment}, if any; a corrupt one is moved aside, reported and treated as absent. */
    public synchronized Optional<SessionCheckpoint> load(Environment environment) {
        return read(fileOf(environment)).filter(cp -> cp.environment().equals(environment))
                .or(() -> read(directory.resolve(LEGACY)).filter(cp -> cp.environment().equals(environment)));
    }

    /** Removes the checkpoint of {@code environment} (its session finished). */
    public synchronized void clear(Environment environment) {
        try {
            Files.deleteIfExists(fileOf(environment));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + fileOf(environment), e);
        }
        dropLegacy(environment);
    }

    /** Checkpoints found unreadable since the store was opened. */
    public synchronized List<StoreProblem> problems() {
        return List.copyOf(problems);
    }

    /** Removes an older version's checkpoint once it is superseded by the per-environment one. */
    private void dropLegacy(Environment environment) {
        Path legacy = directory.resolve(LEGACY);
        if (read(legacy).filter(cp -> cp.environment().equals(environment)).isPresent()) {
            try {
                Files.deleteIfExists(legacy);
            } catch (IOException e) {
                LOG.warn("cannot delete the superseded checkpoint {}: {}", legacy, e.getMessage());
            }
        }
    }

    private Optional<SessionCheckpoint> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(json.readTree(file.toFile())));
        } catch (StoreFormatException | IOException e) {
            String reason = e instanceof StoreFormatException ? e.getMessage() : "cannot read: " + e;
            Path aside = file;
            try {
                aside = AtomicFiles.moveAside(file);
            } catch (IOException moveFailed) {
                LOG.error("could not move {} aside", file, moveFailed);
            }
            problems.add(new StoreProblem(file, reason + "; moved to " + aside));
            LOG.error("session checkpoint {} unreadable ({}); moved to {}, starting afresh", file, reason, aside);
            return Optional.empty();
        }
    }

    static ObjectNode toJson(SessionCheckpoint c) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("sessionId", c.sessionId());
        n.set("environment", ModelJson.environment(c.environment()));
        n.put("origin", c.origin());
        n.set("space", ModelJson.space(c.space()));
        c.sourceId().ifPresent(s -> n.put("sourceId", s));
        ArrayNode extra = n.putArray("extraSourceIds");
        c.extraSourceIds().forEach(extra::add);
        ObjectNode settings = n.putObject("settings");
        new java.util.TreeMap<>(c.settings()).forEach(settings::put);
        ArrayNode planned = n.putArray("planned");
        c.planned().forEach(p -> planned.add(ModelJson.configuration(p)));
        ArrayNode measured = n.putArray("measured");
        c.measured().forEach(m -> measured.add(ModelJson.measurement(m)));
        n.put("started", c.started().toString());
        n.put("updated", c.updated().toString());
        c.resumedFrom().ifPresent(t -> n.put("resumedFrom", t.toString()));
        return n;
    }

    static SessionCheckpoint fromJson(JsonNode n) {
        JsonFields.object(n, "");
        JsonNode version = n.get("formatVersion");
        if (version == null || !version.canConvertToExactIntegral() || version.asInt() != FORMAT_VERSION) {
            throw new StoreFormatException("formatVersion: unsupported " + version + " (this tunerd reads "
                    + FORMAT_VERSION + ")");
        }
        Environment env = ModelJson.environment(n.get("environment"), "environment");
        ConfigurationSpace space = ModelJson.space(n.get("space"), "space");
        Optional<String> source = n.hasNonNull("sourceId") ? Optional.of(JsonFields.text(n, "sourceId", ""))
                : Optional.empty();
        // absent in checkpoints written before sessions used several sources: the primary source alone
        List<String> extra = new ArrayList<>();
        if (n.has("extraSourceIds")) {
            JsonNode e = JsonFields.array(n, "extraSourceIds", "");
            for (int i = 0; i < e.size(); i++) {
                if (!e.get(i).isTextual() || e.get(i).asText().isBlank()) {
                    throw new StoreFormatException("extraSourceIds[" + i + "]: expected an environment id, got " + e.get(i));
                }
                extra.add(e.get(i).asText());
            }
        }
        if (source.isEmpty() && !extra.isEmpty()) {
            throw new StoreFormatException("extraSourceIds: " + extra + " given without a sourceId");
        }
        List<Configuration> planned = new ArrayList<>();
        JsonNode p = JsonFields.array(n, "planned", "");
        for (int i = 0; i < p.size(); i++) {
            planned.add(ModelJson.configuration(p.get(i), "planned[" + i + "]", space));
        }
        List<Measurement> measured = new ArrayList<>();
        JsonNode m = JsonFields.array(n, "measured", "");
        for (int i = 0; i < m.size(); i++) {
            measured.add(ModelJson.measurement(m.get(i), "measured[" + i + "]", space));
        }
        Instant started = JsonFields.instant(n, "started", "");
        Instant updated = JsonFields.instant(n, "updated", "");
        // both absent in checkpoints written before they named their origin
        String origin = n.hasNonNull("origin") ? JsonFields.text(n, "origin", "") : "unknown";
        Optional<Instant> resumedFrom = n.hasNonNull("resumedFrom") ? Optional.of(JsonFields.instant(n, "resumedFrom", ""))
                : Optional.empty();
        return new SessionCheckpoint(JsonFields.text(n, "sessionId", ""), env, origin, space, source, extra,
                JsonFields.stringMap(n.get("settings"), "settings"), planned, measured, started, updated, resumedFrom);
    }
}
