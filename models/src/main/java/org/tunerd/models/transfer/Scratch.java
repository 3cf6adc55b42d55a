package org.tunerd.models.transfer;

import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/** Scratch (no transfer, the baseline): {@code learner} trained on a uniform random target sample alone. */
public final class Scratch implements TransferStrategy {

    @Override
    public String name() {
        return "Scratch";
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        return Sampling.uniform(candidates, budget, random);
    }

    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        Sampling.requireSamples(name(), samples, 2);
        return learner.fit(source.encoding(), Sampling.configurations(samples), Sampling.values(samples, metric, name()));
    }
}
