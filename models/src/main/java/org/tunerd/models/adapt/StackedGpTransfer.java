package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.learn.Model;
import org.tunerd.models.learn.ValidatedModel;
import org.tunerd.models.space.Configuration;

/**
 * {@code STACKED-GP}: transfer by the stacked Gaussian-process model over smoothed sources
 * ({@link SourceModel#smoothed()}; a measured view given is smoothed first). {@link #plan} measures the
 * greedy integrated-variance design of the model ({@link Designs#integratedVariance}: the candidates that most
 * reduce the model's summed prior-to-posterior variance); {@link #fit} builds a {@link StackedGp#recommended()}
 * model (source prior, ridge penalty by leave-one-out, residual GP with the additive kernel on inputs scaled
 * by the source's influence, the ridge's trend kept to the range the samples span) in log space, and given
 * several sources averages one such model per source ({@link SourceAverage}) (what each choice is worth:
 * {@code models/ADAPTATION-STUDY.md}). Stateless and thread-safe.
 */
public final class StackedGpTransfer {

    /** The name policies and reports use. */
    public static final String NAME = "STACKED-GP";

    private final StackedGp model;
    private final SourceAverage average;

    public StackedGpTransfer() {
        this(StackedGp.recommended());
    }

    public StackedGpTransfer(StackedGp model) {
        this.model = Objects.requireNonNull(model, "model");
        this.average = new SourceAverage(NAME, model, true);
    }

    public StackedGp model() {
        return model;
    }

    /** {@code budget} distinct elements of {@code candidates} by the model's integrated-variance design. */
    public List<Configuration> plan(SourceModel source, List<Configuration> candidates, int budget, Random random) {
        if (budget < 1) {
            throw new IllegalArgumentException(NAME + ": budget must be at least 1, got " + budget);
        }
        TransferFeatures f = TransferFeatures.of(source.smoothed(), candidates);
        List<Configuration> out = new ArrayList<>();
        for (int i : Designs.integratedVariance(f, model, budget, new int[0], random)) {
            out.add(f.candidate(i));
        }
        return out;
    }

    /**
     * The target model of {@code metric} from the target {@code samples}, transferred from {@code sources}
     * (the primary one first). With one source: the stacked GP on that source. With several: one stacked GP
     * per source and one on all of them (their columns stacked), averaged in log space with weights
     * {@code 1 / e^2} of each model's leave-one-out error on the samples. Features are normalised over the
     * samples and the primary source's configurations. Every source must have the target's option names (those
     * of the samples): a source that does not would describe another space.
     *
     * @throws IllegalArgumentException without a source or a sample, naming a source whose options differ from
     *                                  the target's, or a sample whose value is not positive
     */
    public Model fit(List<SourceModel> sources, Metric metric, List<Measurement> samples) {
        return fit(sources, metric, samples, null);
    }

    /**
     * The sources' smoothed views over {@code candidates} and the primary source's configurations: the table a
     * session passes to every {@link #fit(SourceFeatures, Metric, List)} it makes.
     */
    public static SourceFeatures sourceFeatures(List<SourceModel> sources, List<Configuration> candidates) {
        List<SourceModel> smoothed = sources.stream().map(SourceModel::smoothed).toList();
        return SourceFeatures.over(smoothed, candidates, smoothed.get(0).source().configurations());
    }

    /**
     * As {@link #fit(List, Metric, List)} with the sources of {@code table} (a {@link #sourceFeatures} table),
     * reading their values from it: the same model, without evaluating a source again at a configuration of the
     * table (what a session's twelve fits and its whole-space prediction would otherwise repeat).
     */
    public Model fit(SourceFeatures table, Metric metric, List<Measurement> samples) {
        return fit(table.sources(), metric, samples, table);
    }

    /** Fewer samples than this: no accuracy estimate (leave-one-out on three points says nothing). */
    public static final int MIN_VALIDATED = 4;

    /**
     * As {@link #fit(SourceFeatures, Metric, List)}, with the model's leave-one-out MAPE on the samples as its
     * {@link ValidatedModel#cvMape}: the samples' values predicted each without itself, the model's choices on all
     * samples kept (source weights, and with one source its GP input scaling); NaN with fewer than
     * {@value #MIN_VALIDATED} samples. The held-out models are those the fit's own leave-one-out choices made, so
     * the estimate costs almost nothing beyond the fit; a k-fold estimate would refit the whole model, nested
     * choices included, once per fold.
     */
    public ValidatedModel fitValidated(SourceFeatures table, Metric metric, List<Measurement> samples) {
        return fitValidated(table, List.of(metric), samples).get(0);
    }

    /**
     * {@link #fitValidated(SourceFeatures, Metric, List)} of each of {@code metrics} on the same samples, in that
     * order: each model and its MAPE equal, bit for bit, to that metric's fit on its own. The fits share what does
     * not depend on the metric: one {@link TransferFeatures} over the samples (its source influence and per-source
     * views computed once) and one {@link TrainingMemo#within} scope, so the GP kernel tables are made once.
     */
    public List<ValidatedModel> fitValidated(SourceFeatures table, List<Metric> metrics, List<Measurement> samples) {
        Prepared p = prepare(table.sources(), samples, table);
        return TrainingMemo.within(() -> {
            List<ValidatedModel> out = new ArrayList<>(metrics.size());
            for (Metric metric : metrics) {
                out.add(validated(p, metric, samples));
            }
            return List.copyOf(out);
        });
    }

    /** The validated fit of {@code metric} on the prepared samples (inside a {@link TrainingMemo#within} scope). */
    private ValidatedModel validated(Prepared p, Metric metric, List<Measurement> samples) {
        double[] logY = logValues(metric, samples);
        Model fitted;
        double[] looLog = null;
        if (p.single()) {
            fitted = new LogModel(model.train(p.features(), metric, p.train(), logY));
            if (samples.size() >= MIN_VALIDATED) {
                looLog = model.looLog(p.features(), metric, p.train(), logY);
            }
        } else {
            SourceAverage.Fitted averaged = average.train(p.features(), metric, p.train(), logY);
            fitted = new AveragedLogModel(averaged);
            if (samples.size() >= MIN_VALIDATED) {
                looLog = average.looLog(p.features(), metric, p.train(), logY, averaged);
            }
        }
        if (looLog == null) {
            return new ValidatedModel(fitted, Double.NaN);
        }
        double[] truth = new double[looLog.length];
        double[] predicted = new double[looLog.length];
        for (int k = 0; k < looLog.length; k++) {
            truth[k] = samples.get(k).value(metric);
            predicted[k] = Math.exp(looLog[k]);
        }
        return new ValidatedModel(fitted, Accuracy.mape(truth, predicted));
    }

    /** What a fit reads besides the metric's values: the features over the samples, their indices, whether one source. */
    private record Prepared(TransferFeatures features, int[] train, boolean single) {
    }

    private Model fit(List<SourceModel> sources, Metric metric, List<Measurement> samples, SourceFeatures table) {
        Prepared p = prepare(sources, samples, table);
        double[] logY = logValues(metric, samples);
        // the nested leave-one-out choices make each of their models once (TrainingMemo)
        return TrainingMemo.within(() -> p.single() ? new LogModel(model.train(p.features(), metric, p.train(), logY))
                : new AveragedLogModel(average.train(p.features(), metric, p.train(), logY)));
    }

    private static Prepared prepare(List<SourceModel> sources, List<Measurement> samples, SourceFeatures table) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": needs at least one source");
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": needs at least one target measurement");
        }
        List<SourceModel> smoothed = sources.stream().map(SourceModel::smoothed).toList();
        if (smoothed.size() > 1) {
            Set<String> target = samples.get(0).configuration().values().keySet();
            for (SourceModel s : smoothed) {
                Set<String> own = new HashSet<>(s.source().space().names());
                if (!own.equals(target)) {
                    throw new IllegalArgumentException(NAME + ": source " + s.source().environment() + " has the options "
                            + s.source().space().names() + ", the target " + target
                            + "; a source must have the target's options");
                }
            }
        }
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        List<Configuration> reference = smoothed.get(0).source().configurations();
        TransferFeatures f = table == null ? TransferFeatures.of(smoothed, configurations, reference)
                : TransferFeatures.of(table, configurations, reference);
        int[] train = new int[samples.size()];
        for (int k = 0; k < train.length; k++) {
            train[k] = k;
        }
        return new Prepared(f, train, smoothed.size() == 1);
    }

    private static double[] logValues(Metric metric, List<Measurement> samples) {
        double[] y = new double[samples.size()];
        for (int k = 0; k < y.length; k++) {
            double v = samples.get(k).value(metric);
            if (!(v > 0)) {
                throw new IllegalArgumentException(NAME + ": " + metric.key() + " of " + samples.get(k).configuration()
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
            return Math.exp(fitted.meanLog(configuration));
        }
    }
}
