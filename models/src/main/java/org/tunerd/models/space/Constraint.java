package org.tunerd.models.space;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rule every allowed configuration satisfies, with a description for error messages and logs.
 *
 * @param description what the rule says, e.g. {@code cores >= 2}
 * @param test        true for allowed configurations
 */
public record Constraint(String description, Predicate<Configuration> test) {

    public Constraint {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(test, "test");
    }

    public boolean allows(Configuration configuration) {
        return test.test(configuration);
    }

    /** {@code option == value}, e.g. "core 0 online". */
    public static Constraint fixed(String option, double value) {
        return new Constraint(option + " = " + Configuration.formatNumber(value), c -> c.get(option) == value);
    }

    /** {@code min <= option <= max}. */
    public static Constraint range(String option, double min, double max) {
        return new Constraint(Configuration.formatNumber(min) + " <= " + option + " <= " + Configuration.formatNumber(max),
                c -> c.get(option) >= min && c.get(option) <= max);
    }

    /** {@code option >= min}. */
    public static Constraint atLeast(String option, double min) {
        return new Constraint(option + " >= " + Configuration.formatNumber(min), c -> c.get(option) >= min);
    }

    @Override
    public String toString() {
        return description;
    }
}
