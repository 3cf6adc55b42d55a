package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * The session's latency and energy models were fitted on its samples.
 *
 * @param environment the environment tuned for
 * @param quality     cross-validated accuracy of the models on the samples
 */
public record ModelsFitted(Environment environment, ModelQuality quality) {

    public ModelsFitted {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(quality, "quality");
    }
}
