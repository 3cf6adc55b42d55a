package org.tunerd.daemon.device.jetson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.tunerd.daemon.device.DeviceException;

/**
 * Parses the kernel's lists of available values ({@code scaling_available_frequencies},
 * {@code available_frequencies}, {@code possible_rates}): whitespace-separated whole numbers, optionally
 * with a unit word such as {@code (kHz)} that overrides the default unit.
 */
final class AvailableValues {

    private static final Map<String, Long> UNITS = Map.of("hz", 1L, "khz", 1_000L, "mhz", 1_000_000L);

    private AvailableValues() {
    }

    /** Multiplier of a unit name ({@code Hz}, {@code kHz}, {@code MHz}). */
    static long multiplier(String unit) {
        Long m = UNITS.get(unit.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("unknown unit " + unit);
        }
        return m;
    }

    /**
     * The distinct values, ascending, each multiplied by the unit's multiplier; fails naming {@code path}
     * on an empty list or a token that is neither a number nor a unit.
     */
    static List<Long> parse(String text, long defaultMultiplier, String path) {
        long multiplier = defaultMultiplier;
        List<Long> raw = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String unit = token.replaceAll("[()]", "").toLowerCase(Locale.ROOT);
            if (UNITS.containsKey(unit)) {
                multiplier = UNITS.get(unit);
                continue;
            }
            try {
                long v = Long.parseLong(token);
                if (v <= 0) {
                    throw new NumberFormatException();
                }
                raw.add(v);
            } catch (NumberFormatException e) {
                throw new DeviceException(path + ": '" + token + "' is not a positive whole number in '" + text.trim() + "'");
            }
        }
        if (raw.isEmpty()) {
            throw new DeviceException(path + ": lists no values");
        }
        TreeSet<Long> out = new TreeSet<>();
        for (long v : raw) {
            out.add(Math.multiplyExact(v, multiplier));
        }
        return List.copyOf(out);
    }
}
