package org.tunerd.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.events.EventJournal;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * The daemon's state directory as a test reads it while the daemon is stopped (or dead): every file is
 * read with the product's own readers (on copies where a reader would move a corrupt file aside), and a
 * file that does not parse fails the test naming it.
 */
final class StateFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path scratch;

    /**
     * @param dir     the daemon's {@code store.dir}
     * @param scratch a folder for copies
     */
    StateFiles(Path dir, Path scratch) {
        this.dir = dir;
        this.scratch = scratch;
    }

    Path snapshotFile() {
        return dir.resolve("board-snapshot.json");
    }

    /**
     * Checks that nothing in the state directory is corrupt: the board snapshot, the session checkpoint, every
     * stored environment, the remembered environment, the event journal (every complete line a CloudEvent; an
     * incomplete last line is what a crash mid-append leaves, and the journal drops it on open) and its
     * delivery offset, and that no reader ever had to set a file aside ({@code *.corrupt-*}).
     */
    void checkIntact() {
        snapshot();
        checkpoint();
        ModelStore store = new ModelStore(dir.resolve("models"), new ConfigLoader().defaults().store().similarity());
        assertEquals(List.of(), store.problems(), "every stored environment reads back");
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            for (Path f : files) {
                String name = f.getFileName().toString();
                assertTrue(!name.contains(".corrupt-"), "a reader found a corrupt file and set it aside: " + f);
                if (name.endsWith(".json") && !name.startsWith(".")) {
                    try {
                        JsonNode n = JSON.readTree(f.toFile());
                        assertTrue(n != null && n.isObject(), f + " holds a JSON object");
                    } catch (IOException e) {
                        fail(f + " is not valid JSON: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        journal();
    }

    /** The board snapshot's files and original values; empty if there is no snapshot file. */
    Map<String, String> snapshot() {
        Path f = snapshotFile();
        if (!Files.exists(f)) {
            return Map.of();
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            assertEquals(1, n.path("formatVersion").asInt(), f + ": formatVersion");
            assertEquals("tx2", n.path("board").asText(), f + ": board");
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("files").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(e.getValue().isTextual(), f + ": " + e.getKey() + " holds text");
                out.put(e.getKey(), e.getValue().asText());
            }
            assertTrue(!out.isEmpty(), f + " lists the files written");
            return out;
        } catch (IOException e) {
            throw new AssertionError(f + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** A session checkpoint as the test needs it: its session, and the configurations it has measured. */
    record Checkpoint(String sessionId, List<Configuration> measured, int planned) {
    }

    /**
     * The session checkpoint, if any. Read as JSON (one {@code *.json} per environment, or one {@code current.json}
     * in older layouts; this test tunes one environment): a checkpoint that is there must be complete, with its
     * version, session id and every measurement's configuration.
     */
    Optional<Checkpoint> checkpoint() {
        Path sessions = dir.resolve("sessions");
        if (!Files.isDirectory(sessions)) {
            return Optional.empty();
        }
        List<Checkpoint> found = new java.util.ArrayList<>();
        try (Stream<Path> list = Files.list(sessions)) {
            for (Path f : list.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).toList()) {
                read(f).ifPresent(found::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(found.size() <= 1, "one environment, one checkpoint: " + found);
        return found.stream().findFirst();
    }

    private static Optional<Checkpoint> read(Path f) {
        JsonNode n;
        try {
            n = JSON.readTree(f.toFile());
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty(); // removed meanwhile: the session finished
        } catch (IOException e) {
            throw new AssertionError(f + " is not valid JSON: " + e.getMessage(), e);
        }
        assertEquals(1, n.path("formatVersion").asInt(), f + ": formatVersion");
        assertTrue(n.path("sessionId").isTextual(), f + ": sessionId");
        assertTrue(n.path("measured").isArray() && n.path("planned").isArray(), f + ": measured and planned");
        List<Configuration> measured = new java.util.ArrayList<>();
        for (JsonNode m : n.path("measured")) {
            JsonNode c = m.path("configuration");
            assertTrue(c.isObject() && c.size() > 0 && m.path("latency").isNumber(), f + ": a measurement " + m);
            Map<String, Double> values = new TreeMap<>();
            c.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asDouble()));
            measured.add(new Configuration(values));
        }
        return Optional.of(new Checkpoint(n.path("sessionId").asText(), measured, n.path("planned").size()));
    }

    /** The configurations of the checkpoint's measurements; empty without a checkpoint. */
    Set<Configuration> checkpointed() {
        return checkpoint().map(cp -> (Set<Configuration>) new HashSet<>(cp.measured())).orElse(Set.of());
    }

    /** The configurations measured in the stored environments. */
    Set<Configuration> stored() {
        ModelStore store = new ModelStore(dir.resolve("models"), new ConfigLoader().defaults().store().similarity());
        Set<Configuration> out = new HashSet<>();
        for (StoredModel m : store.all()) {
            out.addAll(configurations(m.data().measurements()));
        }
        return out;
    }

    private static Set<Configuration> configurations(List<Measurement> ms) {
        Set<Configuration> out = new HashSet<>();
        ms.forEach(m -> out.add(m.configuration()));
        return out;
    }

    /** The ids of the journaled events (complete lines), checking each parses as a CloudEvent. */
    List<String> journal() {
        Path f = dir.resolve("journal").resolve(EventJournal.FILE);
        List<String> ids = new java.util.ArrayList<>();
        for (Path p : List.of(dir.resolve("journal").resolve(EventJournal.ROTATED), f)) {
            if (!Files.exists(p)) {
                continue;
            }
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                for (String line : text.substring(0, end + 1).split("\n")) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(line);
                    assertTrue(e.hasNonNull("id") && e.hasNonNull("type") && e.path("specversion").asText().equals("1.0"),
                            p + ": a journaled line is not a CloudEvent: " + line);
                    ids.add(e.get("id").asText());
                }
            } catch (IOException e) {
                throw new AssertionError(p + " holds a line that is not JSON: " + e.getMessage(), e);
            }
        }
        Path offset = dir.resolve("journal").resolve(EventJournal.OFFSET_FILE);
        if (Files.exists(offset)) {
            try {
                String o = Files.readString(offset, StandardCharsets.UTF_8).trim();
                assertTrue(o.matches("\\d+"), offset + " holds a byte offset, not '" + o + "'");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ids;
    }
}
