package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;

/**
 * The workload the daemon tunes for at start-up and how to measure it.
 *
 * @param dnn         DNN model name
 * @param width       input width in pixels
 * @param height      input height in pixels
 * @param attributes  further environment attributes
 * @param command     the inference command on a real board; empty for simulated and replayed devices
 * @param warmups     runs discarded before measuring
 * @param repetitions measured runs per configuration
 * @param settle      pause after applying a configuration before measuring
 * @param watchFile   a workload file whose changes announce a new workload (same keys as this section)
 */
public record WorkloadSettings(String dnn, int width, int height, Map<String, String> attributes,
                               Optional<InferenceCommand> command, int warmups, int repetitions, Duration settle,
                               Optional<Path> watchFile) {

    public WorkloadSettings {
        Objects.requireNonNull(dnn, "dnn");
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(watchFile, "watchFile");
    }

    /** The device-level workload these settings describe. */
    public Workload toWorkload() {
        return new Workload(dnn, width, height, attributes, command, warmups, repetitions);
    }

    /** These settings with another workload file to watch. */
    public WorkloadSettings withWatchFile(Optional<Path> file) {
        return new WorkloadSettings(dnn, width, height, attributes, command, warmups, repetitions, settle, file);
    }
}
