package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.WeakHashMap;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.TransferStrategy;

/**
 * {@code STACKED-GP}: the winning transfer strategy of the adaptation study. {@link #plan} measures the
 * greedy integrated-variance design of the model ({@link Designs#integratedVariance}: the candidates that
 * most reduce the model's summed prior-to-posterior variance); {@link #fit} builds a
 * {@link StackedGp#recommended()} model (source prior, ridge penalty by leave-one-out, residual GP with the
 * additive kernel on inputs scaled by the source's influence) in log space. Each of these choices improved
 * latency and energy MAPE in all six settings of the study (three sources, full and half targets;
 * {@code models/ADAPTATION-STUDY.md}). It brings its own regression, so the {@code learner} argument is not used. The source model
 * (measured values, interpolated where the source did not measure) is built once per source data set.
 */
public final class StackedGpStrategy implements TransferStrategy {

    private final StackedGp model;
    private final Map<MeasurementSet, SourceModel> sources = new WeakHashMap<>();

    public StackedGpStrategy() {
        this(StackedGp.recommended());
    }

    public StackedGpStrategy(StackedGp model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String name() {
        return "STACKED-GP";
    }

    /** The shared source model of {@code source}'s data. */
    public synchronized SourceModel sourceModel(Source source) {
        return sources.computeIfAbsent(source.data(), SourceModel::new);
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        if (budget < 1) {
            throw new IllegalArgumentException(name() + ": budget must be at least 1, got " + budget);
        }
        TransferFeatures f = TransferFeatures.of(sourceModel(source), candidates);
        List<Configuration> out = new ArrayList<>();
        for (int i : Designs.integratedVariance(f, model, budget, new int[0], random)) {
            out.add(f.candidate(i));
        }
        return out;
    }

    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one target measurement");
        }
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        TransferFeatures f = TransferFeatures.of(sourceModel(source), configurations,
                source.data().configurations());
        int[] train = new int[samples.size()];
        double[] y = new double[samples.size()];
        for (int k = 0; k < train.length; k++) {
            double v = samples.get(k).value(metric);
            if (!(v > 0)) {
                throw new IllegalArgumentException(name() + ": " + metric.key() + " of " + configurations.get(k)
                        + " must be positive for a log-space model, got " + v);
            }
            train[k] = k;
            y[k] = Math.log(v);
        }
        StackedGp.Fitted fitted = model.train(f, metric, train, y);
        return new LogModel(fitted);
    }

    /** A {@link StackedGp.Fitted} seen as a {@link Model} of the metric's value (not its log). */
    public record LogModel(StackedGp.Fitted fitted) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return Math.exp(fitted.predictLog(configuration).mean());
        }
    }
}
