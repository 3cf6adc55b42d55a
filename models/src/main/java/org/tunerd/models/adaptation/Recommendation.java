package org.tunerd.models.adaptation;

import java.util.Objects;
import org.tunerd.models.space.Configuration;

/**
 * The configuration an adaptation recommends applying, with the fitted models' prediction for it.
 *
 * @param configuration    the configuration to apply
 * @param predictedLatency the latency model's prediction for it, in seconds
 * @param predictedEnergy  the energy model's prediction for it (NaN without an energy model)
 * @param basis            how it was chosen
 * @param reason           why, for people
 */
public record Recommendation(Configuration configuration, double predictedLatency, double predictedEnergy, Basis basis,
                             String reason) {

    /** How a recommendation was chosen. */
    public enum Basis {
        /** The models' predicted optimum, which may be a configuration never measured. */
        PREDICTED_OPTIMUM,
        /** The best configuration measured during the adaptation. */
        BEST_MEASURED
    }

    public Recommendation {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
    }
}
