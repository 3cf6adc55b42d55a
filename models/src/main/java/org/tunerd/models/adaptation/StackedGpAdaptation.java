package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.tunerd.models.adapt.Goal;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.adapt.SourceFeatures;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGpTransfer;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Model;
import org.tunerd.models.learn.ValidatedModel;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;

/**
 * {@code STACKED-GP}, the default: for an objective with one metric to minimise (min energy, min latency,
 * min energy under a latency SLO), the {@link SequentialOptimiser} chooses each measurement by expected
 * improvement from the primary source's measured values, and the best measured configuration is recommended;
 * for a weighted objective, the model's
 * integrated-variance design is measured and the predicted optimum recommended. Either way the latency and
 * energy models are {@link StackedGpTransfer}'s over the smoothed values of every source. Both views of a
 * source come from its one {@link SourceModel} ({@link Source#values()}), so its smoother is fitted once.
 * The candidates are the task's space or, for a large one, a {@link CandidateSet}; each source model is
 * evaluated once per candidate and metric for the whole session ({@link SourceFeatures}).
 */
final class StackedGpAdaptation implements Adaptation {

    private final StackedGpTransfer transfer;

    StackedGpAdaptation(StackedGpTransfer transfer) {
        this.transfer = Objects.requireNonNull(transfer, "transfer");
    }

    @Override
    public String name() {
        return StackedGpTransfer.NAME;
    }

    /** @throws IllegalArgumentException without a source (a cold start is {@link ColdStart}'s) */
    @Override
    public AdaptationRun start(AdaptationTask task) {
        if (task.coldStart()) {
            throw new IllegalArgumentException(name() + " transfers from a source; the task has none");
        }
        List<SourceModel> values = task.sources().stream().map(Source::values).toList();
        SourceModel primary = values.get(0);
        Optional<Goal> goal = Goal.forObjective(task.objective());
        List<Configuration> candidates = CandidateSet.of(task);
        // one table of the sources' values for the optimiser, the session's twelve fits and its prediction of
        // every candidate: each source model evaluated once per candidate and metric
        SourceFeatures table = StackedGpTransfer.sourceFeatures(values, candidates);
        MeasurementChoice choice = goal.isPresent()
                ? new SequentialChoice(new SequentialOptimiser(
                        TransferFeatures.of(table.measuredView(0), candidates, List.of()),
                        goal.get(), SequentialOptimiser.Settings.standard(task.budget()), task.seed()), task.budget(),
                        task.resumed())
                : new PlannedChoice(transfer.plan(primary, candidates, task.budget(), new Random(task.seed())),
                        task.resumed());
        return new AdaptationRun(name(), task, candidates, task.sources(), choice, new Fits(transfer, table));
    }

    /** The session's fits over its one table of source values, validated by their own leave-one-out models. */
    private record Fits(StackedGpTransfer transfer, SourceFeatures table) implements TargetModel {
        @Override
        public Model fit(Metric metric, List<Measurement> samples) {
            return transfer.fit(table, metric, samples);
        }

        /** Leave-one-out from the fit's own held-out models ({@link StackedGpTransfer#fitValidated}). */
        @Override
        public ValidatedModel fitValidated(Metric metric, List<Measurement> samples) {
            return transfer.fitValidated(table, metric, samples);
        }

        /** Both metrics' fits sharing their features and kernels ({@link StackedGpTransfer#fitValidated}). */
        @Override
        public List<ValidatedModel> fitValidated(List<Metric> metrics, List<Measurement> samples) {
            return transfer.fitValidated(table, metrics, samples);
        }
    }
}
