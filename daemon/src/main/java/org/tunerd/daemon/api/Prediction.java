package org.tunerd.daemon.api;

import java.util.Objects;
import org.tunerd.models.space.Configuration;

/**
 * The model's prediction for one configuration.
 *
 * @param configuration the configuration
 * @param latency       predicted seconds per inference
 * @param energy        predicted energy per inference; {@code NaN} without an energy model
 */
public record Prediction(Configuration configuration, double latency, double energy) {

    public Prediction {
        Objects.requireNonNull(configuration, "configuration");
    }
}
