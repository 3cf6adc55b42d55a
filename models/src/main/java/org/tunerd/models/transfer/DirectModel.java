package org.tunerd.models.transfer;

import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/** DM: the source model, unchanged, predicts the target. Measures nothing in the target. */
public final class DirectModel implements TransferStrategy {

    @Override
    public String name() {
        return "DM";
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        Sampling.checkBudget(budget);
        return List.of();
    }

    /** The source model by {@code learner}; target samples, if any were measured, are not used. */
    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        return source.model(metric, learner);
    }
}
