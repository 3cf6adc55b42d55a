package org.tunerd.daemon.api;

import java.util.Map;
import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * A workload announced from outside (HTTP, Kafka, workload file): the DNN and input the board now runs.
 *
 * @param dnn        DNN model name
 * @param width      input width in pixels
 * @param height     input height in pixels
 * @param attributes further attributes that distinguish environments
 */
public record WorkloadAnnouncement(String dnn, int width, int height, Map<String, String> attributes) {

    public WorkloadAnnouncement {
        Objects.requireNonNull(dnn, "dnn");
        if (dnn.isBlank()) {
            throw new IllegalArgumentException("dnn must not be blank");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        attributes = Map.copyOf(attributes);
    }

    /** The environment this workload forms on {@code hardware}. */
    public Environment environment(String hardware) {
        return new Environment(hardware, dnn, width, height, attributes);
    }
}
