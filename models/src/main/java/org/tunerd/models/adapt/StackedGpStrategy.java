package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
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
 * {@code STACKED-GP}: transfer by the stacked Gaussian-process model. {@link #plan} measures the
 * greedy integrated-variance design of the model ({@link Designs#integratedVariance}: the candidates that
 * most reduce the model's summed prior-to-posterior variance); {@link #fit} builds a
 * {@link StackedGp#recommended()} model (source prior, ridge penalty by leave-one-out, residual GP with the
 * additive kernel on inputs scaled by the source's influence, the ridge's trend kept to the range the samples
 * span) in log space (what each choice is worth: {@code models/ADAPTATION-STUDY.md}). It brings its own
 * regression, so the {@code learner} argument is not used. The source model
 * (measured values, interpolated where the source did not measure) is built once per source data set.
 * Given several sources, {@link #fit(List, Learner, Metric, List)} averages one model per source.
 */
public final class StackedGpStrategy implements TransferStrategy {

    private final StackedGp model;
    private final SourceAverage average;
    private final Map<MeasurementSet, SourceModel> sources = new WeakHashMap<>();

    public StackedGpStrategy() {
        this(StackedGp.recommended());
    }

    public StackedGpStrategy(StackedGp model) {
        this.model = Objects.requireNonNull(model, "model");
        this.average = new SourceAverage(name(), model, true);
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
        TransferFeatures f = features(List.of(source), samples);
        return new LogModel(model.train(f, metric, indices(samples), logValues(metric, samples)));
    }

    /**
     * Several sources: one stacked GP per source (and one on all of them, their columns stacked), averaged
     * in log space with weights {@code 1 / e^2} of each model's leave-one-out error on the samples
     * ({@link SourceAverage}). Features are normalised over
     * the samples and the primary source's configurations, as in the single-source fit; with one source the
     * result is that fit. Every source must have the target's option names (those of the samples): a
     * source that does not is refused, since its model would describe another space.
     *
     * @throws IllegalArgumentException naming the source whose options differ from the target's
     */
    @Override
    public Model fit(List<Source> sources, Learner learner, Metric metric, List<Measurement> samples) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one source");
        }
        if (sources.size() == 1) {
            return fit(sources.get(0), learner, metric, samples);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one target measurement");
        }
        Set<String> target = samples.get(0).configuration().values().keySet();
        for (Source s : sources) {
            Set<String> own = new HashSet<>(s.data().space().names());
            if (!own.equals(target)) {
                throw new IllegalArgumentException(name() + ": source " + s.data().environment() + " has the options "
                        + s.data().space().names() + ", the target " + target + "; a source must have the target's options");
            }
        }
        TransferFeatures f = features(sources, samples);
        return new AveragedLogModel(average.train(f, metric, indices(samples), logValues(metric, samples)));
    }

    @Override
    public boolean combinesSources() {
        return true;
    }

    /** Features of the samples seen from {@code sources}, normalised over the samples and the first source's configurations. */
    private TransferFeatures features(List<Source> sources, List<Measurement> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one target measurement");
        }
        List<SourceModel> models = sources.stream().map(this::sourceModel).toList();
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        return TransferFeatures.of(models, configurations, sources.get(0).data().configurations());
    }

    private static int[] indices(List<Measurement> samples) {
        int[] train = new int[samples.size()];
        for (int k = 0; k < train.length; k++) {
            train[k] = k;
        }
        return train;
    }

    private double[] logValues(Metric metric, List<Measurement> samples) {
        double[] y = new double[samples.size()];
        for (int k = 0; k < y.length; k++) {
            double v = samples.get(k).value(metric);
            if (!(v > 0)) {
                throw new IllegalArgumentException(name() + ": " + metric.key() + " of " + samples.get(k).configuration()
                        + " must be positive for a log-space model, got " + v);
            }
            y[k] = Math.log(v);
        }
        return y;
    }

    /** A {@link SourceAverage.Fitted} seen as a {@link Model} of the metric's value (not its log). */
    public record AveragedLogModel(SourceAverage.Fitted fitted) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return Math.exp(fitted.predictLog(configuration));
        }
    }

    /** A {@link StackedGp.Fitted} seen as a {@link Model} of the metric's value (not its log). */
    public record LogModel(StackedGp.Fitted fitted) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return Math.exp(fitted.predictLog(configuration).mean());
        }
    }
}
