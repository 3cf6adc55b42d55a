package org.tunerd.daemon.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.store.InfluenceTerm;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.influence.InfluenceModel;
import org.tunerd.models.influence.StepwiseRegression;
import org.tunerd.models.influence.Term;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * Stores a tuned environment so it can serve as a future source: every measurement it has (earlier
 * ones, the session's samples, the verification run; the newest wins per configuration), the influence
 * terms found by stepwise regression on them, and the policy settings used.
 */
final class ModelArchive {

    /** Fewer measurements than this give no meaningful stepwise regression; influence is left empty. */
    static final int MIN_FOR_INFLUENCE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ModelArchive.class);

    private final ModelStore store;
    private final EventPublisher events;
    private final EnergyUnit energyUnit;
    private final Clock clock;

    /**
     * @param energyUnit the unit of the device's energy measurements, stored with every model
     * @param clock      stamps the stored environment's {@code created} and {@code updated} times
     */
    ModelArchive(ModelStore store, EventPublisher events, EnergyUnit energyUnit, Clock clock) {
        this.store = store;
        this.events = events;
        this.energyUnit = energyUnit;
        this.clock = clock;
    }

    StoredModel store(TuningOutcome outcome, Optional<StoredModel> known, ConfigurationSpace space,
                      Map<String, String> settings) {
        Map<Configuration, Measurement> all = new LinkedHashMap<>();
        known.ifPresent(k -> k.data().measurements().forEach(m -> all.put(m.configuration(), m)));
        outcome.samples().forEach(m -> all.put(m.configuration(), m));
        all.put(outcome.verified().configuration(), outcome.verified());
        MeasurementSet data = new MeasurementSet(outcome.environment(), space, new ArrayList<>(all.values()), energyUnit);
        Map<String, String> recorded = new LinkedHashMap<>(settings);
        recorded.put("source", outcome.source().map(e -> e.id()).orElse("none (cold start)"));
        if (!outcome.extraSources().isEmpty()) {
            recorded.put("extraSources", String.join(",", outcome.extraSources().stream().map(e -> e.id()).toList()));
        }
        recorded.put("applied", outcome.applied().toString());
        Instant now = clock.instant();
        StoredModel model = new StoredModel(data, influence(data), recorded, known.map(StoredModel::created).orElse(now), now);
        store.save(model);
        events.publish(new EventPayload.ModelStored(outcome.environment(), data.size(),
                model.influence().stream().map(InfluenceTerm::label).toList()));
        return model;
    }

    static List<InfluenceTerm> influence(MeasurementSet data) {
        if (data.size() < MIN_FOR_INFLUENCE) {
            return List.of();
        }
        List<InfluenceTerm> terms = new ArrayList<>();
        FeatureEncoding encoding = FeatureEncoding.of(data.space());
        for (Metric metric : Metric.values()) {
            double[] y = data.values(metric);
            if (java.util.Arrays.stream(y).anyMatch(Double::isNaN)) {
                continue;
            }
            try {
                InfluenceModel model = StepwiseRegression.defaults().fit(encoding, data.configurations(), y);
                terms.add(new InfluenceTerm(metric, List.of(), model.intercept()));
                for (Term t : model.terms()) {
                    terms.add(new InfluenceTerm(metric, t.options(), t.coefficient()));
                }
            } catch (RuntimeException e) {
                LOG.warn("no influence terms for {} of {}: {}", metric.key(), data.environment(), e.getMessage());
            }
        }
        return terms;
    }
}
