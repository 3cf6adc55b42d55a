package org.tunerd.daemon.config;

import java.util.Objects;

/**
 * One reason a configuration was rejected.
 *
 * @param field  dotted path of the offending field, e.g. {@code policy.budget}
 * @param reason what is wrong, including the bad value
 */
public record ConfigProblem(String field, String reason) {

    public ConfigProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
