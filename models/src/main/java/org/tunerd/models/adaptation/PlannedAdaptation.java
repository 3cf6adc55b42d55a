package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.TransferStrategy;

/**
 * One of the study's planned transfer strategies (DM, LMS, NLMS, GS, Scratch) with a learner: the strategy
 * plans every measurement up front from the primary source, its models come from the strategy's fit with
 * the learner, and the predicted optimum is recommended. A strategy that does not combine sources transfers
 * from the primary source alone.
 */
final class PlannedAdaptation implements Adaptation {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedAdaptation.class);

    private final TransferStrategy strategy;
    private final Learner learner;

    PlannedAdaptation(TransferStrategy strategy, Learner learner) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.learner = Objects.requireNonNull(learner, "learner");
    }

    @Override
    public String name() {
        return strategy.name();
    }

    /** @throws IllegalArgumentException without a source (a cold start is {@link ColdStart}'s) */
    @Override
    public AdaptationRun start(AdaptationTask task) {
        if (task.coldStart()) {
            throw new IllegalArgumentException(name() + " transfers from a source; the task has none");
        }
        Source primary = task.sources().get(0);
        List<Source> used = strategy.combinesSources() ? task.sources() : List.of(primary);
        if (used.size() < task.sources().size()) {
            LOG.info("strategy {} transfers from one source: {} more not used", name(),
                    task.sources().size() - used.size());
        }
        PlannedChoice choice = new PlannedChoice(strategy.plan(primary, task.candidates(), task.budget(),
                new Random(task.seed())), task.resumed());
        return new AdaptationRun(name(), task, used, choice,
                (metric, samples) -> strategy.fit(used, learner, metric, samples));
    }
}
