package org.tunerd.daemon.api;

import java.util.Map;
import java.util.Objects;
import org.tunerd.models.space.Configuration;

/**
 * The model's prediction for one configuration.
 *
 * @param configuration the configuration
 * @param latency       predicted seconds per inference
 * @param energy        predicted energy per inference; {@code NaN} without an energy model
 * @param softwareOptions the configuration's software options in their types
 *                        ({@link org.tunerd.models.space.SoftwareValues}); empty without any
 */
public record Prediction(Configuration configuration, double latency, double energy,
                         Map<String, Object> softwareOptions) {

    public Prediction {
        Objects.requireNonNull(configuration, "configuration");
        softwareOptions = org.tunerd.models.space.SoftwareValues.normalized(softwareOptions);
    }

    /** A prediction for a configuration without software options. */
    public Prediction(Configuration configuration, double latency, double energy) {
        this(configuration, latency, energy, Map.of());
    }
}
