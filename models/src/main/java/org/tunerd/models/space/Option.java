package org.tunerd.models.space;

import java.util.List;
import java.util.Objects;

/**
 * One tunable option with the values it may take, in ascending order.
 *
 * <p>Values are numbers in the option's physical unit (kHz or Hz for frequencies, a count for cores).
 * A categorical option stores the codes {@code 0..k-1} and a label for each code.
 *
 * @param name   unique name within a space, e.g. {@code gpu_freq}
 * @param kind   binary, ordinal or categorical
 * @param values distinct values in ascending order
 * @param labels one label per value for categorical options; empty otherwise
 */
public record Option(String name, OptionKind kind, List<Double> values, List<String> labels) {

    public Option {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        values = List.copyOf(values);
        labels = List.copyOf(labels);
        if (name.isBlank()) {
            throw new IllegalArgumentException("option name must not be blank");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("option '" + name + "' has no values");
        }
        for (int i = 1; i < values.size(); i++) {
            if (!(values.get(i - 1) < values.get(i))) {
                throw new IllegalArgumentException("option '" + name + "': values must be distinct and ascending, got "
                        + values);
            }
        }
        if (kind == OptionKind.BINARY && !values.stream().allMatch(v -> v == 0.0 || v == 1.0)) {
            throw new IllegalArgumentException("binary option '" + name + "' may only hold 0 and 1, got " + values);
        }
        if (kind == OptionKind.CATEGORICAL && labels.size() != values.size()) {
            throw new IllegalArgumentException("categorical option '" + name + "' needs one label per value");
        }
        if (kind != OptionKind.CATEGORICAL && !labels.isEmpty()) {
            throw new IllegalArgumentException("only categorical options carry labels: '" + name + "'");
        }
    }

    /** An ordinal option over the given values (sorted and de-duplicated here). */
    public static Option ordinal(String name, List<Double> values) {
        return new Option(name, OptionKind.ORDINAL, values.stream().distinct().sorted().toList(), List.of());
    }

    /** A binary option over 0 and 1. */
    public static Option binary(String name) {
        return new Option(name, OptionKind.BINARY, List.of(0.0, 1.0), List.of());
    }

    /** A categorical option whose codes are the positions of {@code labels}. */
    public static Option categorical(String name, List<String> labels) {
        List<Double> codes = java.util.stream.IntStream.range(0, labels.size()).mapToObj(i -> (double) i).toList();
        return new Option(name, OptionKind.CATEGORICAL, codes, labels);
    }

    public int size() {
        return values.size();
    }

    public double min() {
        return values.get(0);
    }

    public double max() {
        return values.get(values.size() - 1);
    }

    /** Position of {@code value} in {@link #values()}, or -1 if the option does not offer it. */
    public int indexOf(double value) {
        return java.util.Collections.binarySearch(values, value) >= 0
                ? java.util.Collections.binarySearch(values, value) : -1;
    }

    public boolean offers(double value) {
        return indexOf(value) >= 0;
    }

    /** The value's label: the category label, or the number without a trailing {@code .0}. */
    public String label(double value) {
        if (kind == OptionKind.CATEGORICAL) {
            int i = indexOf(value);
            return i >= 0 ? labels.get(i) : String.valueOf(value);
        }
        return Configuration.formatNumber(value);
    }
}
