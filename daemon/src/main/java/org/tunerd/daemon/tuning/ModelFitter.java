package org.tunerd.daemon.tuning;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.TransferStrategy;

/**
 * Fits a target model of one metric, by transfer from one or several sources or (cold start) with the learner alone,
 * and estimates its accuracy by k-fold cross-validation on the target samples.
 */
final class ModelFitter {

    private final TransferStrategy strategy;
    private final List<Source> sources;
    private final Learner learner;
    private final FeatureEncoding encoding;

    /** @param sources the sources, the primary one first; empty = cold start */
    ModelFitter(TransferStrategy strategy, List<Source> sources, Learner learner, FeatureEncoding encoding) {
        this.strategy = strategy;
        this.sources = List.copyOf(sources);
        this.learner = learner;
        this.encoding = encoding;
    }

    Model fit(Metric metric, List<Measurement> samples) {
        if (!sources.isEmpty()) {
            return strategy.fit(sources, learner, metric, samples);
        }
        return learner.fit(encoding, samples.stream().map(Measurement::configuration).toList(),
                samples.stream().mapToDouble(m -> m.value(metric)).toArray());
    }

    /** k-fold cross-validated MAPE in % (folds by position); NaN when there are too few samples. */
    double crossValidatedMape(Metric metric, List<Measurement> samples, int folds) {
        int k = Math.min(folds, samples.size());
        if (k < 2 || samples.size() < 4) {
            return Double.NaN;
        }
        double[] truth = new double[samples.size()];
        double[] predicted = new double[samples.size()];
        for (int fold = 0; fold < k; fold++) {
            List<Measurement> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (i % k == fold) {
                    test.add(i);
                } else {
                    train.add(samples.get(i));
                }
            }
            Model model;
            try {
                model = fit(metric, train);
            } catch (IllegalArgumentException tooFew) {
                return Double.NaN;
            }
            for (int i : test) {
                truth[i] = samples.get(i).value(metric);
                predicted[i] = model.predict(samples.get(i).configuration());
            }
        }
        return Accuracy.mape(truth, predicted);
    }
}
