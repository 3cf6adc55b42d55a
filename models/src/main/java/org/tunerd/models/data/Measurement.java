package org.tunerd.models.data;

import java.util.Objects;
import org.tunerd.models.space.Configuration;

/**
 * What was measured for one configuration.
 *
 * @param configuration the configuration the device ran
 * @param latency       seconds per inference
 * @param energy        energy per inference; {@code NaN} when no power sensor was available
 */
public record Measurement(Configuration configuration, double latency, double energy) {

    public Measurement {
        Objects.requireNonNull(configuration, "configuration");
        if (!(latency > 0) || Double.isInfinite(latency)) {
            throw new IllegalArgumentException("latency must be positive and finite, got " + latency);
        }
        if (!Double.isNaN(energy) && (energy < 0 || Double.isInfinite(energy))) {
            throw new IllegalArgumentException("energy must be non-negative and finite (or NaN), got " + energy);
        }
    }

    public double value(Metric metric) {
        return metric == Metric.LATENCY ? latency : energy;
    }

    public boolean hasEnergy() {
        return !Double.isNaN(energy);
    }
}
