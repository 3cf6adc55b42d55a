package org.tunerd.daemon.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tunerd.daemon.device.DeviceId;
import org.tunerd.daemon.files.SmallFiles;
import org.tunerd.daemon.files.UnsuitableFileException;

/**
 * Reads {@code tunerd.yaml} into a validated {@link TunerConfig}. Every problem is reported at once,
 * each naming its field path and the bad value; unknown keys are rejected.
 *
 * <p>The file must be a regular file of at most {@value #MAX_FILE_BYTES} bytes (checked before reading: a FIFO
 * or {@code /dev/zero} is refused, not read). A document that is empty or holds only comments is an error, at
 * start-up and on reload alike: {@code {}} is how a file asks for every default.
 */
public final class ConfigLoader {

    /** The largest configuration file read: 1 MiB, a hundred times the documented default file. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private final YAMLMapper yaml = YAMLMapper.builder(YAMLFactory.builder().build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ConfigParser parser;

    /** A loader for this process: its environment, working directory and host name. */
    public ConfigLoader() {
        this(System.getenv(), Path.of(""), ConfigLoader::localHostName);
    }

    /**
     * A loader with an explicit context (for tests and tools), for this process's user.
     *
     * @param environment      variables consulted for defaults ({@code STATE_DIRECTORY}, {@code XDG_STATE_HOME})
     * @param workingDirectory base for relative paths in the file
     * @param hostName         device id for {@code deviceId: auto}
     */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory, Supplier<String> hostName) {
        this(environment, workingDirectory, hostName, StateDirectory.ProcessUser.current());
    }

    /** A loader with an explicit context, the user included (the default state directory depends on it). */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory, Supplier<String> hostName,
                        StateDirectory.ProcessUser user) {
        this.parser = new ConfigParser(StateDirectory.defaultFor(environment, user), workingDirectory, hostName);
    }

    /** Reads and validates {@code file}. */
    public TunerConfig load(Path file) {
        return parse(read(file), file.toString());
    }

    /**
     * The text of {@code file}, checked first: a regular file of at most {@value #MAX_FILE_BYTES} bytes, UTF-8.
     *
     * @throws ConfigException naming the file and why it cannot be read
     */
    public String read(Path file) {
        try {
            return SmallFiles.readText(file, MAX_FILE_BYTES);
        } catch (UnsuitableFileException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("(file)", e.reason())));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigProblem("(file)", "cannot read: " + e)));
        }
    }

    /** Validates YAML (or JSON) text; {@code source} names it in messages. */
    public TunerConfig parse(String text, String source) {
        return parser.parse(tree(text, source), source);
    }

    /** Validates an already parsed tree in the file's shape. */
    public TunerConfig parse(JsonNode document, String source) {
        return parser.parse(document, source);
    }

    /** Every default: what an empty file gives. */
    public TunerConfig defaults() {
        return parse("{}", "(defaults)");
    }

    private JsonNode tree(String text, String source) {
        try {
            JsonNode tree = yaml.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new ConfigException(source, List.of(new ConfigProblem("(document)",
                        "is empty or holds only comments; write {} to take every default")));
            }
            return tree;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "(document)"
                    : "(line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ConfigException(source, List.of(new ConfigProblem(where, "not valid YAML: " + e.getOriginalMessage())));
        }
    }

    static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return DeviceId.fromHostName(name, "tunerd");
            }
        } catch (IOException e) {
            // fall through
        }
        return "tunerd";
    }
}
