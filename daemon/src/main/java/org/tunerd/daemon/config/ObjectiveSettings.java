package org.tunerd.daemon.config;

import java.util.Objects;
import java.util.OptionalDouble;
import org.tunerd.models.optimize.Objective;

/**
 * The objective of a policy.
 *
 * @param kind          what to minimise
 * @param latencySlo    seconds; present exactly for {@link ObjectiveKind#MIN_ENERGY_UNDER_LATENCY_SLO}
 * @param latencyWeight weight of latency for {@link ObjectiveKind#WEIGHTED} (0 otherwise)
 * @param energyWeight  weight of energy for {@link ObjectiveKind#WEIGHTED} (0 otherwise)
 */
public record ObjectiveSettings(ObjectiveKind kind, OptionalDouble latencySlo, double latencyWeight,
                                double energyWeight) {

    public ObjectiveSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(latencySlo, "latencySlo");
        if ((kind == ObjectiveKind.MIN_ENERGY_UNDER_LATENCY_SLO) != latencySlo.isPresent()) {
            throw new IllegalArgumentException("a latency SLO goes with " + ObjectiveKind.MIN_ENERGY_UNDER_LATENCY_SLO.key()
                    + " and only with it");
        }
    }

    /** The models library's objective these settings describe. */
    public Objective toObjective() {
        return switch (kind) {
            case MIN_ENERGY -> new Objective.MinEnergy();
            case MIN_LATENCY -> new Objective.MinLatency();
            case MIN_ENERGY_UNDER_LATENCY_SLO -> new Objective.MinEnergyWithinLatency(latencySlo.orElseThrow());
            case WEIGHTED -> new Objective.Weighted(latencyWeight, energyWeight);
        };
    }

    public static ObjectiveSettings minEnergy() {
        return new ObjectiveSettings(ObjectiveKind.MIN_ENERGY, OptionalDouble.empty(), 0, 0);
    }

    public static ObjectiveSettings minLatency() {
        return new ObjectiveSettings(ObjectiveKind.MIN_LATENCY, OptionalDouble.empty(), 0, 0);
    }

    public static ObjectiveSettings minEnergyUnderSlo(double sloSeconds) {
        return new ObjectiveSettings(ObjectiveKind.MIN_ENERGY_UNDER_LATENCY_SLO, OptionalDouble.of(sloSeconds), 0, 0);
    }

    public static ObjectiveSettings weighted(double latencyWeight, double energyWeight) {
        return new ObjectiveSettings(ObjectiveKind.WEIGHTED, OptionalDouble.empty(), latencyWeight, energyWeight);
    }
}
