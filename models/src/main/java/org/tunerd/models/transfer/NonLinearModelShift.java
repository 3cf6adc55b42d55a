package org.tunerd.models.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.learn.RandomForestLearner;
import org.tunerd.models.space.Configuration;

/**
 * NLMS: a uniform random target sample; the target model is a random forest of 16 trees (as in the
 * study) that maps the source model's prediction to the target value.
 */
public final class NonLinearModelShift implements TransferStrategy {

    static final String INPUT = "source_prediction";

    private final Learner mapping;

    public NonLinearModelShift(long seed) {
        this.mapping = new RandomForestLearner(16, seed);
    }

    public NonLinearModelShift() {
        this(0L);
    }

    @Override
    public String name() {
        return "NLMS";
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        return Sampling.uniform(candidates, budget, random);
    }

    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        Sampling.requireSamples(name(), samples, 2);
        Model sourceModel = source.model(metric, learner);
        double[] x = sourceModel.predict(Sampling.configurations(samples));
        List<Configuration> inputs = new ArrayList<>(x.length);
        for (double v : x) {
            inputs.add(Configuration.of(INPUT, v));
        }
        Model map = mapping.fit(inputs, Sampling.values(samples, metric, name()));
        return new Mapped(sourceModel, map);
    }

    /** {@code mapping(source(c))}. */
    public record Mapped(Model source, Model mapping) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return mapping.predict(Configuration.of(INPUT, source.predict(configuration)));
        }

        @Override
        public double[] predict(List<Configuration> configurations) {
            double[] p = source.predict(configurations);
            List<Configuration> inputs = new ArrayList<>(p.length);
            for (double v : p) {
                inputs.add(Configuration.of(INPUT, v));
            }
            return mapping.predict(inputs);
        }
    }
}
