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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * The measurements of a profiling run not yet in the model store, one JSON object a line, appended and flushed
 * as each is taken: writing one costs the same at the 10th and the 10,000th, so {@link Profiler} can rewrite the
 * stored environment (its JSON file and influence terms, which cost time in proportion to all its
 * measurements) at geometric intervals and still lose nothing when it stops. A line is
 * {@code {"configuration":{"cores":4,"precision":"fp16",...},"latency":0.05,"energy":0.3}} ({@code energy}
 * absent when not measured): each categorical option of the device's space by its label
 * ({@link ModelJson#configurationByLabel}), so that a run resumed after the config reordered an option's values
 * reads each measurement with the value it was taken with; every line carries its own labels, so a journal
 * appended to across such a change stays right.
 *
 * <p>{@link #read} returns the measurements in the codes of the space given now. A line is left out, with one
 * WARN per cause, if it uses a label that space does not offer (or a label for an option the space lacks or has
 * as numbers), or if it holds a categorical option of that space as a number: a journal written before labels
 * were recorded, whose codes cannot be matched to labels (those configurations are measured again). The lines
 * are read by the store's one reader of the by-label form ({@link ModelJson#valuesByLabel}). An incomplete last line (a crash mid-write) is ignored; any other
 * bad line fails naming the file and the line. Not thread-safe (one profiling run writes it).
 */
final class ProfileJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ConfigurationSpace space;
    private BufferedWriter out;

    /**
     * @param file  the journal
     * @param space the device's space: the labels written, and the codes measurements are read in
     */
    ProfileJournal(Path file, ConfigurationSpace space) {
        this.file = file;
        this.space = space;
    }

    Path file() {
        return file;
    }

    /**
     * The measurements the journal holds, in the order taken and in the space's codes (none if there is no
     * journal); lines whose labels cannot be matched in the space are left out, with a WARN.
     */
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
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                Measurement m = parse(JSON.readTree(line), leftOut);
                if (m != null) {
                    out.add(m);
                }
            } catch (IOException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    LOG.warn("{}: ignoring the incomplete last line {} ({})", file, i + 1, e.getMessage());
                    break;
                }
                throw new IllegalStateException(file + ": line " + (i + 1) + " is not a measurement: " + e.getMessage(), e);
            }
        }
        leftOut.forEach((why, n) -> LOG.warn("{}: {} measurements left out ({}): measured again", file, n, why));
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

    private ObjectNode toJson(Measurement m) {
        ObjectNode node = JSON.createObjectNode();
        node.set("configuration", ModelJson.configurationByLabel(space, m.configuration()));
        node.put("latency", m.latency());
        if (m.hasEnergy()) {
            node.put("energy", m.energy());
        }
        return node;
    }

    /**
     * The measurement of one line in the space's codes, read by {@link ModelJson#valuesByLabel}, or null (the
     * cause counted in {@code leftOut}) if one of its values has no meaning in the space (see
     * {@link ModelJson.ByLabel#unmatched}).
     *
     * @throws IllegalArgumentException if the line is not a measurement
     * @throws org.tunerd.daemon.store.StoreFormatException if a configuration value is neither a number nor a
     *                                                      string
     */
    private Measurement parse(JsonNode node, Map<String, Integer> leftOut) {
        JsonNode c = node.get("configuration");
        JsonNode latency = node.get("latency");
        if (c == null || !c.isObject() || latency == null || !latency.isNumber()) {
            throw new IllegalArgumentException("needs an object 'configuration' and a number 'latency'");
        }
        ModelJson.ByLabel byLabel = ModelJson.valuesByLabel(c, "configuration", space);
        JsonNode energy = node.get("energy");
        if (energy != null && !energy.isNumber()) {
            throw new IllegalArgumentException("'energy' is not a number");
        }
        if (byLabel.unmatched().isPresent()) {
            leftOut.merge(byLabel.unmatched().get(), 1, Integer::sum);
            return null;
        }
        return new Measurement(new Configuration(byLabel.values()), latency.doubleValue(),
                energy == null ? Double.NaN : energy.doubleValue());
    }
}
