package org.tunerd.models.space;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The circumstances a performance model holds for: hardware, DNN model, input size and free-form
 * attributes (framework version, batch size, ...). Changing any of them is an environment change.
 *
 * @param hardware   board name, e.g. {@code TX2}
 * @param dnn        DNN model name, e.g. {@code xception}
 * @param width      input width in pixels
 * @param height     input height in pixels
 * @param attributes further attributes that distinguish environments
 */
public record Environment(String hardware, String dnn, int width, int height, Map<String, String> attributes) {

    public Environment {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(dnn, "dnn");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
        }
        attributes = Map.copyOf(attributes);
    }

    public Environment(String hardware, String dnn, int width, int height) {
        this(hardware, dnn, width, height, Map.of());
    }

    /**
     * A stable, file-name safe identifier: {@code hardware_dnn_WxH} plus sorted attributes, lower case.
     */
    public String id() {
        StringBuilder sb = new StringBuilder();
        sb.append(hardware).append('_').append(dnn).append('_').append(width).append('x').append(height);
        new TreeMap<>(attributes).forEach((k, v) -> sb.append('_').append(k).append('-').append(v));
        return sb.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** Input size as {@code WxH}. */
    public String size() {
        return width + "x" + height;
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return hardware + "/" + dnn + "/" + size() + (attributes.isEmpty() ? "" : new TreeMap<>(attributes).toString());
    }
}
