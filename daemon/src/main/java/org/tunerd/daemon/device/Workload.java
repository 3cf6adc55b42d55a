package org.tunerd.daemon.device;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Environment;

/**
 * The inference the device runs: which DNN on which input size, how to run it and how often.
 *
 * @param dnn         DNN model name, e.g. {@code xception}
 * @param width       input width in pixels; both 0 when the size is unknown ({@link Environment#UNKNOWN_SIZE})
 * @param height      input height in pixels
 * @param attributes  further attributes that distinguish environments (framework, batch size, ...)
 * @param command     how to run one inference on a real board; empty for simulated and replayed devices
 * @param warmups     runs discarded before measuring
 * @param repetitions measured runs; the median is reported
 */
public record Workload(String dnn, int width, int height, Map<String, String> attributes,
                      Optional<InferenceCommand> command, int warmups, int repetitions) {

    public Workload {
        Objects.requireNonNull(dnn, "dnn");
        if (dnn.isBlank()) {
            throw new IllegalArgumentException("workload dnn must not be blank");
        }
        if (!Environment.validSize(width, height)) {
            throw new IllegalArgumentException("workload input size must be positive (or 0x0 when unknown), got "
                    + width + "x" + height);
        }
        if (warmups < 0) {
            throw new IllegalArgumentException("workload warmups must be >= 0, got " + warmups);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("workload repetitions must be >= 1, got " + repetitions);
        }
        attributes = Map.copyOf(attributes);
        Objects.requireNonNull(command, "command");
    }

    /** A workload without a command (simulated or replayed devices), measured once without warm-up. */
    public static Workload of(String dnn, int width, int height) {
        return new Workload(dnn, width, height, Map.of(), Optional.empty(), 0, 1);
    }

    /** The workload of {@code environment}'s DNN, size and attributes, without a command. */
    public static Workload of(Environment environment) {
        return new Workload(environment.dnn(), environment.width(), environment.height(), environment.attributes(),
                Optional.empty(), 0, 1);
    }

    /** This workload measured {@code repetitions} times per configuration. */
    public Workload withRepetitions(int repetitions) {
        return new Workload(dnn, width, height, attributes, command, warmups, repetitions);
    }

    /** This workload run by {@code newCommand} (e.g. with software option values delivered). */
    public Workload withCommand(InferenceCommand newCommand) {
        return new Workload(dnn, width, height, attributes, Optional.of(newCommand), warmups, repetitions);
    }

    /** The environment this workload forms on {@code hardware}. */
    public Environment environment(String hardware) {
        return new Environment(hardware, dnn, width, height, attributes);
    }
}
