package org.tunerd.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * A measured environment kept as a future transfer source: its measurements (with the environment and
 * the space's options), the influence terms found, and the settings that produced them. Loading it means
 * refitting from the measurements; no fitted model object is stored.
 *
 * <p>The space's constraints are not stored: constraints are policy and come from the configuration.
 *
 * @param data      environment, space and measurements
 * @param influence influence terms (may be empty)
 * @param settings  learner, strategy and other settings, as text
 * @param created   when the environment was first stored
 * @param updated   when it was last saved
 */
public record StoredModel(MeasurementSet data, List<InfluenceTerm> influence, Map<String, String> settings,
                          Instant created, Instant updated) {

    public StoredModel {
        Objects.requireNonNull(data, "data");
        influence = List.copyOf(influence);
        settings = Map.copyOf(settings);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public Environment environment() {
        return data.environment();
    }

    public ConfigurationSpace space() {
        return data.space();
    }

    /** The file-name safe identifier of the environment. */
    public String id() {
        return data.environment().id();
    }
}
