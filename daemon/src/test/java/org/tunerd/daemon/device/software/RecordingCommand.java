package org.tunerd.daemon.device.software;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.device.InferenceCommand;

/**
 * A real inference command for tests: a shell script that appends one line per run to a file, its arguments
 * after the script and the value of one environment variable ({@code args=<argv...> env=<value>}).
 */
public final class RecordingCommand {

    private final Path script;
    private final Path record;

    private RecordingCommand(Path script, Path record) {
        this.script = script;
        this.record = record;
    }

    /** Writes the script into {@code dir}; each run records the value of {@code variable}. */
    public static RecordingCommand in(Path dir, String variable) throws IOException {
        Path script = dir.resolve("infer.sh");
        Path record = dir.resolve("runs.txt");
        Files.writeString(script, "#!/bin/sh\nprintf 'args=%s env=%s\\n' \"$*\" \"$" + variable + "\" >> '" + record
                + "'\necho '{\"latency\": 0.01}'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new RecordingCommand(script, record);
    }

    /** The command: the script with {@code arguments} first. */
    public InferenceCommand command(String... arguments) {
        List<String> argv = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
        argv.addAll(List.of(arguments));
        return new InferenceCommand(argv, Map.of(), Optional.empty(), Duration.ofSeconds(30), Optional.empty());
    }

    public Path script() {
        return script;
    }

    /** The lines recorded so far, one per run. */
    public List<String> runs() throws IOException {
        return Files.exists(record) ? Files.readAllLines(record) : List.of();
    }
}
