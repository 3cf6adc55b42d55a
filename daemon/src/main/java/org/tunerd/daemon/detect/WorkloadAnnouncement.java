package org.tunerd.daemon.detect;

import java.util.Map;
import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * What runs on the device now, as announced by a file, HTTP or Kafka: the DNN, its input size and
 * further attributes. Together with the board's hardware it forms an {@link Environment}.
 *
 * @param dnn        DNN model name
 * @param width      input width in pixels; width and height both 0 = size unknown
 *                   ({@link Environment#UNKNOWN_SIZE}, as in measurement sets that did not record it)
 * @param height     input height in pixels
 * @param attributes further attributes (framework, precision, batch size, ...)
 */
public record WorkloadAnnouncement(String dnn, int width, int height, Map<String, String> attributes) {

    /** The largest input side in pixels, the same for the file, HTTP, Kafka and the workload file. */
    public static final int MAX_SIDE = 1 << 16;

    public WorkloadAnnouncement {
        Objects.requireNonNull(dnn, "dnn");
        if (dnn.isBlank()) {
            throw new IllegalArgumentException("dnn: must not be blank");
        }
        boolean unknown = width == Environment.UNKNOWN_SIZE && height == Environment.UNKNOWN_SIZE;
        if (!unknown && (width <= 0 || width > MAX_SIDE)) {
            throw new IllegalArgumentException("width: must be a number of pixels in [1, " + MAX_SIDE + "], got " + width);
        }
        if (!unknown && (height <= 0 || height > MAX_SIDE)) {
            throw new IllegalArgumentException("height: must be a number of pixels in [1, " + MAX_SIDE + "], got "
                    + height);
        }
        attributes = Map.copyOf(attributes);
    }

    public Environment on(String hardware) {
        return new Environment(hardware, dnn, width, height, attributes);
    }
}
