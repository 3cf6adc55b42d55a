package org.tunerd.models.transfer;

import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * LMS: a uniform random target sample; the target model is {@code a + b * sourcePrediction}, with
 * {@code a, b} fitted by ordinary least squares on the sample. With one sample, or when the source model
 * predicts the same value for every sample, the slope is 1 and only the offset is fitted.
 */
public final class LinearModelShift implements TransferStrategy {

    @Override
    public String name() {
        return "LMS";
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        return Sampling.uniform(candidates, budget, random);
    }

    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        Sampling.requireSamples(name(), samples, 1);
        Model sourceModel = source.model(metric, learner);
        double[] x = sourceModel.predict(Sampling.configurations(samples));
        double[] y = Sampling.values(samples, metric, name());
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        double slope = sxx > 1e-12 * Math.max(1, mx * mx) * n ? sxy / sxx : 1.0;
        double intercept = my - slope * mx;
        return new Shifted(sourceModel, intercept, slope);
    }

    /** {@code intercept + slope * source(c)}. */
    public record Shifted(Model source, double intercept, double slope) implements Model {
        @Override
        public double predict(Configuration configuration) {
            return intercept + slope * source.predict(configuration);
        }

        @Override
        public double[] predict(List<Configuration> configurations) {
            double[] p = source.predict(configurations);
            for (int i = 0; i < p.length; i++) {
                p[i] = intercept + slope * p[i];
            }
            return p;
        }
    }
}
