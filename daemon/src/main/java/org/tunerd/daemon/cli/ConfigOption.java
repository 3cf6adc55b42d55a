package org.tunerd.daemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.StateDirectory;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import picocli.CommandLine.Option;

/** The {@code --config} and {@code --state-dir} options shared by the commands that need the daemon's configuration. */
final class ConfigOption {

    static final Path SYSTEM_CONFIG = Path.of("/etc/tunerd/tunerd.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "<file>",
            description = "Configuration file (default: /etc/tunerd/tunerd.yaml if it exists, else the built-in "
                    + "defaults: simulated board, no Kafka, state in " + StateDirectory.RULE + "). An empty or "
                    + "comment-only file is an error; a file holding {} takes every default.")
    Path file;

    @Option(names = "--state-dir", paramLabel = "<dir>",
            description = "State directory (model store, session checkpoint, event journal); wins over the "
                    + "configuration's store.dir and store paths.")
    Path stateDir;

    /** The file in use, if any. */
    Optional<Path> path() {
        if (file != null) {
            return Optional.of(file);
        }
        return Files.isRegularFile(SYSTEM_CONFIG) ? Optional.of(SYSTEM_CONFIG) : Optional.empty();
    }

    /** The file in use as error messages name it, or {@code (built-in defaults)}. */
    String source() {
        return path().map(Object::toString).orElse("(built-in defaults)");
    }

    /** The daemon's HTTP API as the configuration gives it (address and token). */
    DaemonApi api() {
        return DaemonApi.of(load().http(), source());
    }

    /** Loads the configuration; a bad file is a {@link org.tunerd.daemon.config.ConfigException} naming the fields. */
    TunerConfig load() {
        ConfigLoader loader = new ConfigLoader();
        TunerConfig config = path().map(loader::load).orElseGet(loader::defaults);
        if (stateDir == null) {
            return config;
        }
        return config.withStore(StoreSettings.under(stateDir, config.store().similarity())
                .withMaxSources(config.store().maxSources()));
    }
}
