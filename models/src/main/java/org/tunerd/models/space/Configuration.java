package org.tunerd.models.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable assignment of a value to each option, keyed by option name.
 *
 * <p>Keys keep the order they were given in (the space's option order), but equality ignores order,
 * so configurations from two spaces with the same options compare by value.
 *
 * @param values option name to value
 */
public record Configuration(Map<String, Double> values) {

    public Configuration {
        Objects.requireNonNull(values, "values");
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "option name"),
                Objects.requireNonNull(v, () -> "value of " + k)));
        values = Collections.unmodifiableMap(copy);
    }

    /** Builds a configuration from alternating names and values: {@code of("cores", 4.0, "gpu_freq", 1.3e9)}. */
    public static Configuration of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs");
        }
        LinkedHashMap<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return new Configuration(map);
    }

    /**
     * The value of {@code option}; fails with the option's name and the options the configuration has if it lacks
     * it. The message shows no values: without its space a configuration cannot name a categorical value by its
     * label, and its code means nothing to a reader ({@link SoftwareValues#text} does, given the space).
     */
    public double get(String option) {
        Double v = values.get(option);
        if (v == null) {
            throw new IllegalArgumentException("a configuration of the options " + values.keySet()
                    + " has no option '" + option + "'");
        }
        return v;
    }

    public boolean has(String option) {
        return values.containsKey(option);
    }

    /** A copy with {@code option} set to {@code value}. */
    public Configuration with(String option, double value) {
        LinkedHashMap<String, Double> map = new LinkedHashMap<>(values);
        map.put(option, value);
        return new Configuration(map);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(formatNumber(v));
        });
        return sb.append('}').toString();
    }

    static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
