package org.tunerd.daemon.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * Keeps an operator's pin across restarts ({@code pin.json} in the state directory, written atomically and
 * forced to disk before the pin is acknowledged): a pin holds until it is released, whatever happens to the
 * process in between. A categorical (string) software option is written by its label, not its code, so the pin
 * keeps its meaning when the operator reorders or inserts values of the option in the config. A pin file that
 * cannot be read, or that names a configuration the board does not offer (the state directory moved to another
 * board, a label no longer declared), is renamed to {@code pin.json.corrupt-<time>}, logged and treated as no
 * pin. Calls do file I/O: never call them on an event loop.
 *
 * <pre>{"formatVersion": 2, "configuration": {"cores": 4, "cpu_freq": 2035200, ..., "precision": "fp16"}}</pre>
 *
 * A version 1 file (written before labels; every value a number, categorical ones as codes) is still read, its
 * codes taken as they are.
 */
public final class PinStore {

    /** Version of the pin document written by this code. */
    public static final int FORMAT_VERSION = 2;
    /** The version before categorical values were written by label: codes, still read. */
    static final int CODES_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(PinStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public PinStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /**
     * Records the pin durably, each categorical option of {@code space} (the space the configuration is in) by
     * label; throws if it cannot be written, so a pin is never claimed without its file.
     */
    public synchronized void save(ConfigurationSpace space, Configuration configuration) {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.set("configuration", ModelJson.configurationByLabel(space, configuration));
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pin in " + file, e);
        }
    }

    /**
     * The pin in force before the restart, if any, in {@code space}'s codes (labels resolved in {@code space}) and
     * checked against it.
     */
    public synchronized Optional<Configuration> load(ConfigurationSpace space) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            JsonFields.object(n, "");
            JsonNode version = n.get("formatVersion");
            if (version == null || !version.canConvertToExactIntegral()
                    || (version.asInt() != FORMAT_VERSION && version.asInt() != CODES_VERSION)) {
                throw new StoreFormatException("formatVersion: unsupported " + version + " (this tunerd reads "
                        + CODES_VERSION + " and " + FORMAT_VERSION + ")");
            }
            return Optional.of(version.asInt() == CODES_VERSION
                    ? ModelJson.configuration(n.get("configuration"), "configuration", space)
                    : ModelJson.configurationByLabel(n.get("configuration"), "configuration", space));
        } catch (IOException | RuntimeException e) {
            Path aside = file;
            try {
                aside = AtomicFiles.moveAside(file);
            } catch (IOException moveFailed) {
                LOG.error("could not move {} aside", file, moveFailed);
            }
            LOG.error("pin {} not restored ({}); moved to {}: the board is tuned as if no pin was set", file,
                    e.getMessage(), aside);
            return Optional.empty();
        }
    }

    /** Forgets the pin (released). */
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
            AtomicFiles.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the pin " + file, e);
        }
    }
}
