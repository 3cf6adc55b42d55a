package org.tunerd.daemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.TunerConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the commands that need the daemon's configuration. */
final class ConfigOption {

    static final Path SYSTEM_CONFIG = Path.of("/etc/tunerd/tunerd.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "Configuration file (default: /etc/tunerd/tunerd.yaml if it exists, else the built-in "
                    + "defaults: simulated board, no Kafka, state in ./state). An empty or comment-only file is an "
                    + "error; a file holding {} takes every default.")
    Path file;

    /** The file in use, if any. */
    Optional<Path> path() {
        if (file != null) {
            return Optional.of(file);
        }
        return Files.isRegularFile(SYSTEM_CONFIG) ? Optional.of(SYSTEM_CONFIG) : Optional.empty();
    }

    /** Loads the configuration; a bad file is a {@link org.tunerd.daemon.config.ConfigException} naming the fields. */
    TunerConfig load() {
        ConfigLoader loader = new ConfigLoader();
        return path().map(loader::load).orElseGet(loader::defaults);
    }
}
