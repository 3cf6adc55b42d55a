package org.tunerd.models.adaptation;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.learn.Model;

/** k-fold cross-validated accuracy of a target model on the samples it was fitted on. */
final class CrossValidation {

    /** Folds of the adaptation's accuracy estimate. */
    static final int FOLDS = 5;

    private CrossValidation() {
    }

    /**
     * The MAPE in % of {@code model} over {@value #FOLDS} folds by position ({@code i % k}); NaN with fewer than
     * four samples, or when a fold leaves too few samples to fit.
     */
    static double mape(TargetModel model, Metric metric, List<Measurement> samples) {
        int k = Math.min(FOLDS, samples.size());
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
            Model fitted;
            try {
                fitted = model.fit(metric, train);
            } catch (IllegalArgumentException tooFew) {
                return Double.NaN;
            }
            for (int i : test) {
                truth[i] = samples.get(i).value(metric);
                predicted[i] = fitted.predict(samples.get(i).configuration());
            }
        }
        return Accuracy.mape(truth, predicted);
    }
}
