package org.tunerd.daemon.config;

import java.util.OptionalDouble;

/**
 * The values an option may take under a policy: an inclusive range, open on a missing end.
 *
 * @param min lowest allowed value, if bounded below
 * @param max highest allowed value, if bounded above
 */
public record AllowedRange(OptionalDouble min, OptionalDouble max) {

    public AllowedRange {
        if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
            throw new IllegalArgumentException("min " + min.getAsDouble() + " > max " + max.getAsDouble());
        }
    }

    public boolean contains(double value) {
        return (min.isEmpty() || value >= min.getAsDouble()) && (max.isEmpty() || value <= max.getAsDouble());
    }
}
