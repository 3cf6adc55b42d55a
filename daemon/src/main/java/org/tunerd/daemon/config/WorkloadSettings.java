package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.software.SoftwareOptions;

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
 * @param options     the software options tuned with the hardware ones, and how each reaches the command
 */
public record WorkloadSettings(String dnn, int width, int height, Map<String, String> attributes,
                               Optional<InferenceCommand> command, int warmups, int repetitions, Duration settle,
                               Optional<Path> watchFile, SoftwareOptions options) {

    /** Settings without software options. */
    public WorkloadSettings(String dnn, int width, int height, Map<String, String> attributes,
                            Optional<InferenceCommand> command, int warmups, int repetitions, Duration settle,
                            Optional<Path> watchFile) {
        this(dnn, width, height, attributes, command, warmups, repetitions, settle, watchFile, SoftwareOptions.none());
    }

    public WorkloadSettings {
        Objects.requireNonNull(options, "options");
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
}
