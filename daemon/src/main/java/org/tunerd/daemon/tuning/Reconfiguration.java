package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * The device was put into the configuration a session chose (or, after a failed verification, a fallback).
 *
 * @param environment   the environment tuned for
 * @param configuration the configuration applied
 * @param predicted     the models' prediction for it
 */
public record Reconfiguration(Environment environment, Configuration configuration, Performance predicted) {

    public Reconfiguration {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(predicted, "predicted");
    }
}
