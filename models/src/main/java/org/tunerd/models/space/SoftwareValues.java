package org.tunerd.models.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The software options of a configuration with their values in their own types, for people and for
 * records others read (events, the HTTP API): a string option's value is its string ({@code "fp16"}, not its
 * code), a whole number a {@link Long}, any other number a {@link Double}. Hardware options
 * ({@link BoardOptions#isHardware}) are left out: their values are the configuration's numbers.
 */
public final class SoftwareValues {

    private SoftwareValues() {
    }

    /**
     * The software options of {@code configuration} in its order, typed by {@code space}'s options (an option
     * the space lacks is a number).
     */
    public static Map<String, Object> of(ConfigurationSpace space, Configuration configuration) {
        Objects.requireNonNull(space, "space");
        Map<String, Object> out = new LinkedHashMap<>();
        configuration.values().forEach((name, value) -> {
            if (BoardOptions.isHardware(name)) {
                return;
            }
            Option option = space.option(name).orElse(null);
            out.put(name, option != null && option.kind() == OptionKind.CATEGORICAL ? option.label(value)
                    : number(value));
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * {@code configuration} for people, as {@link Configuration#toString()} writes it but with each categorical
     * software option of {@code space} by its value ({@code {cores=4, gpu_freq=1300500000, precision=fp16}},
     * not {@code precision=1}); hardware options and numbers are written as {@code toString} writes them.
     */
    public static String text(ConfigurationSpace space, Configuration configuration) {
        Objects.requireNonNull(space, "space");
        StringBuilder sb = new StringBuilder("{");
        configuration.values().forEach((name, value) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            Option option = BoardOptions.isHardware(name) ? null : space.option(name).orElse(null);
            sb.append(name).append('=').append(option != null && option.kind() == OptionKind.CATEGORICAL
                    ? option.label(value) : Configuration.formatNumber(value));
        });
        return sb.append('}').toString();
    }

    /**
     * {@code values} with each number as a {@link Long} when whole, else a {@link Double}, strings kept (so
     * that values read back from JSON equal the ones written); null reads as empty.
     *
     * @throws IllegalArgumentException for a value that is neither a number nor a string
     */
    public static Map<String, Object> normalized(Map<String, ?> values) {
        if (values == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof Number n) {
                out.put(name, number(n.doubleValue()));
            } else if (value instanceof String s) {
                out.put(name, s);
            } else {
                throw new IllegalArgumentException("software option '" + name + "' must be a number or a string, got "
                        + value);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }
}
