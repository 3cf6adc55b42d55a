package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.transfer.Sampling;

/**
 * Adapting with nothing to transfer from ({@code Scratch}): a uniform random sample of the candidates within
 * the budget, a learner trained on it alone (features encoded from the target space), the predicted optimum
 * recommended. Sources, if the task has any, are not used.
 */
final class ColdStart implements Adaptation {

    static final String NAME = "Scratch";

    private final Learner learner;

    ColdStart(Learner learner) {
        this.learner = Objects.requireNonNull(learner, "learner");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdaptationRun start(AdaptationTask task) {
        int n = Math.min(task.budget(), task.candidates().size());
        PlannedChoice choice = new PlannedChoice(Sampling.uniform(task.candidates(), n, new Random(task.seed())),
                task.resumed());
        FeatureEncoding encoding = FeatureEncoding.of(task.space());
        return new AdaptationRun(NAME, task, List.of(), choice, (metric, samples) -> learner.fit(encoding,
                samples.stream().map(Measurement::configuration).toList(),
                samples.stream().mapToDouble(m -> m.value(metric)).toArray()));
    }
}
