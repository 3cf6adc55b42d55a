package org.tunerd.daemon.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.store.InfluenceTerm;
import org.tunerd.models.space.Environment;

/**
 * The model in use for the current environment.
 *
 * @param environment the environment it predicts
 * @param sourceId    stored environment it was transferred from (the primary one); empty if learnt from scratch
 * @param extraSourceIds further stored environments it was transferred from, nearest first
 * @param strategy    transfer strategy
 * @param learner     learner
 * @param samples     target measurements it was fitted on
 * @param influence   influence terms (options and interactions with coefficients)
 * @param accuracy    accuracy so far by name, e.g. {@code latency.mape} = 0.07 over the verification
 *                    measurements
 * @param fitted      when it was fitted
 * @param softwareOptions the software options of the model's space with the values it covers, in their types
 *                    (strings for string options, whole numbers as integers); empty without any
 */
public record ModelSnapshot(Environment environment, Optional<String> sourceId, List<String> extraSourceIds,
                            String strategy, String learner,
                            int samples, List<InfluenceTerm> influence, Map<String, Double> accuracy, Instant fitted,
                            Map<String, List<Object>> softwareOptions) {

    /** A model of a space without software options. */
    public ModelSnapshot(Environment environment, Optional<String> sourceId, List<String> extraSourceIds,
                         String strategy, String learner, int samples, List<InfluenceTerm> influence,
                         Map<String, Double> accuracy, Instant fitted) {
        this(environment, sourceId, extraSourceIds, strategy, learner, samples, influence, accuracy, fitted, Map.of());
    }

    public ModelSnapshot {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(sourceId, "sourceId");
        extraSourceIds = List.copyOf(extraSourceIds);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(learner, "learner");
        influence = List.copyOf(influence);
        accuracy = Map.copyOf(accuracy);
        Objects.requireNonNull(fitted, "fitted");
        Map<String, List<Object>> copy = new java.util.LinkedHashMap<>();
        softwareOptions.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        softwareOptions = java.util.Collections.unmodifiableMap(copy);
    }
}
