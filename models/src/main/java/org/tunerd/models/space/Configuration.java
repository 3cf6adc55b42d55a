package org.tunerd.models.space;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable assignment of a value to each option, keyed by option name.
 *
 * <p>Keys keep the order they were given in (the space's option order), but equality ignores order,
 * so configurations from two spaces with the same options compare by value. The values map is unmodifiable
 * and computes its hash code (that of any map with the same entries) once: configurations are the keys of
 * most of the models' tables.
 *
 * @param values option name to value
 */
public record Configuration(Map<String, Double> values) {

    public Configuration {
        Objects.requireNonNull(values, "values");
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "option name"),
                Objects.requireNonNull(v, () -> "value of " + k)));
        values = new Values(copy);
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

    /** An unmodifiable insertion-ordered map that keeps its hash code once computed (as {@link String} does). */
    private static final class Values extends AbstractMap<String, Double> {
        private final Map<String, Double> map;
        /** 0 until computed (a map whose hash is 0 computes it each time, correctly) */
        private int hash;

        Values(LinkedHashMap<String, Double> map) {
            this.map = Collections.unmodifiableMap(map);
        }

        @Override
        public Set<Entry<String, Double>> entrySet() {
            return map.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return map.keySet();
        }

        @Override
        public Collection<Double> values() {
            return map.values();
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Double get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Double> action) {
            map.forEach(action);
        }

        @Override
        public int hashCode() {
            int h = hash;
            if (h == 0) {
                h = map.hashCode();
                hash = h;
            }
            return h;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (o instanceof Values other && other.hashCode() != hashCode()) {
                return false;
            }
            return map.equals(o);
        }
    }
}
