package org.tunerd.daemon.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * The measurements of a profiling run not yet in the model store, one JSON object a line, appended and flushed
 * as each is taken: writing one costs the same at the 10th and the 10,000th, so {@link Profiler} can rewrite the
 * stored environment (its JSON file and influence terms, which cost time in proportion to all its
 * measurements) at geometric intervals and still lose nothing when it stops. A line is
 * {@code {"configuration":{"cores":4.0,...},"latency":0.05,"energy":0.3}} ({@code energy} absent when not
 * measured). An incomplete last line (a crash mid-write) is ignored; any other bad line fails naming the file
 * and the line. Not thread-safe (one profiling run writes it).
 */
final class ProfileJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;

    ProfileJournal(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The measurements the journal holds, in the order taken (none if there is no journal). */
    List<Measurement> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profiling journal " + file, e);
        }
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(line)));
            } catch (IOException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("{}: ignoring the incomplete last line {} ({})", file, i + 1, e.getMessage());
                    break;
                }
                throw new IllegalStateException(file + ": line " + (i + 1) + " is not a measurement: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Appends {@code m} and flushes it to the file. */
    void append(Measurement m) {
        try {
            if (out == null) {
                Files.createDirectories(file.getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            out.write(JSON.writeValueAsString(toJson(m)));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the profiling journal " + file, e);
        }
    }

    /** Empties the journal: everything in it is in the store now. */
    void clear() {
        close();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the profiling journal " + file, e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("closing the profiling journal {}: {}", file, e.getMessage());
            }
            out = null;
        }
    }

    private static ObjectNode toJson(Measurement m) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode c = node.putObject("configuration");
        m.configuration().values().forEach(c::put);
        node.put("latency", m.latency());
        if (m.hasEnergy()) {
            node.put("energy", m.energy());
        }
        return node;
    }

    private static Measurement parse(JsonNode node) {
        JsonNode c = node.get("configuration");
        JsonNode latency = node.get("latency");
        if (c == null || !c.isObject() || latency == null || !latency.isNumber()) {
            throw new IllegalArgumentException("needs an object 'configuration' and a number 'latency'");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("option '" + e.getKey() + "' is not a number");
            }
            values.put(e.getKey(), e.getValue().doubleValue());
        }
        JsonNode energy = node.get("energy");
        return new Measurement(new Configuration(values), latency.doubleValue(),
                energy == null ? Double.NaN : energy.doubleValue());
    }
}
