package org.tunerd.daemon.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

/**
 * What a stored source environment predicts for a target's configurations, for the baseline "measure the
 * source's predicted top B, keep the best": the source's measured value where it measured the
 * configuration, the source model's smoothed value elsewhere (the unsmoothed {@link SourceModel}, the
 * prior the sequential optimiser starts from). Source models are fitted once per source data and kept for
 * the whole command, since every run seeds the same sources.
 */
final class SourcePredictions {

    private final Map<List<Measurement>, SourceModel> models = new ConcurrentHashMap<>();

    /** The regret of the best true value among the source's predicted top {@code count}; empty if it cannot predict. */
    Optional<Double> topRegret(Scoring scoring, MeasurementSet source, int count) {
        if (source.size() < 2) {
            return Optional.empty();
        }
        SourceModel model = models.computeIfAbsent(source.measurements(), k -> new SourceModel(source, false));
        try {
            var regret = scoring.topPredictedRegret(count, c -> Math.exp(model.logValue(Metric.LATENCY, c)),
                    c -> model.hasEnergy() ? Math.exp(model.logValue(Metric.ENERGY, c)) : Double.NaN);
            return regret.isPresent() ? Optional.of(regret.getAsDouble()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a target configuration lacks one of the source's options
        }
    }
}
