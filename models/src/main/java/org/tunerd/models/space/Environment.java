package org.tunerd.models.space;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The circumstances a performance model holds for: hardware, DNN model, input size and free-form
 * attributes (framework version, batch size, ...). Changing any of them is an environment change.
 *
 * <p>The input size may be unknown (a measurement set that recorded {@code size NA}): width and height
 * are then both {@value #UNKNOWN_SIZE}, {@link #hasSize()} is false and {@link #size()} is {@code NA}.
 * Zero was chosen over an optional size so that every existing {@code WxH} environment, its JSON form
 * ({@code "width"}, {@code "height"}) and its id stay exactly as they were.
 *
 * @param hardware   board name, e.g. {@code TX2}
 * @param dnn        DNN model name, e.g. {@code xception}
 * @param width      input width in pixels; {@value #UNKNOWN_SIZE} when the size is unknown
 * @param height     input height in pixels; {@value #UNKNOWN_SIZE} when the size is unknown
 * @param attributes further attributes that distinguish environments
 */
public record Environment(String hardware, String dnn, int width, int height, Map<String, String> attributes) {

    /** Width and height of an environment whose input size is unknown. */
    public static final int UNKNOWN_SIZE = 0;

    public Environment {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(dnn, "dnn");
        if (!validSize(width, height)) {
            throw new IllegalArgumentException("input size must be positive (or " + UNKNOWN_SIZE + "x" + UNKNOWN_SIZE
                    + " when unknown), got " + width + "x" + height);
        }
        attributes = Map.copyOf(attributes);
    }

    public Environment(String hardware, String dnn, int width, int height) {
        this(hardware, dnn, width, height, Map.of());
    }

    /** An environment whose input size was not recorded. */
    public static Environment withUnknownSize(String hardware, String dnn, Map<String, String> attributes) {
        return new Environment(hardware, dnn, UNKNOWN_SIZE, UNKNOWN_SIZE, attributes);
    }

    /** True for a positive width and height, or both {@value #UNKNOWN_SIZE} (unknown). */
    public static boolean validSize(int width, int height) {
        return width > 0 && height > 0 || width == UNKNOWN_SIZE && height == UNKNOWN_SIZE;
    }

    /** False when the input size is unknown. */
    public boolean hasSize() {
        return width != UNKNOWN_SIZE;
    }

    /**
     * A stable, file-name safe identifier: {@code hardware_dnn_WxH} (or {@code hardware_dnn_na} for an
     * unknown size) plus sorted attributes, lower case.
     */
    public String id() {
        StringBuilder sb = new StringBuilder();
        sb.append(hardware).append('_').append(dnn).append('_').append(size());
        new TreeMap<>(attributes).forEach((k, v) -> sb.append('_').append(k).append('-').append(v));
        return sb.toString().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** Input size as {@code WxH}, or {@code NA} when unknown. */
    public String size() {
        return hasSize() ? width + "x" + height : "NA";
    }

    /** Input pixels; 0 when the size is unknown. */
    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return hardware + "/" + dnn + "/" + size() + (attributes.isEmpty() ? "" : new TreeMap<>(attributes).toString());
    }
}
