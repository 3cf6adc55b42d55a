package org.tunerd.models.learn;

import java.util.List;
import org.tunerd.models.space.Configuration;

/** Checked, encoded training input shared by the learners. */
record TrainingData(FeatureEncoding encoding, double[][] x, double[] y) {

    static TrainingData of(String learner, FeatureEncoding encoding, List<Configuration> configurations,
            double[] targets, int minimumRows) {
        if (configurations.size() != targets.length) {
            throw new IllegalArgumentException(learner + ": " + configurations.size() + " configurations but "
                    + targets.length + " targets");
        }
        if (configurations.size() < minimumRows) {
            throw new IllegalArgumentException(learner + ": needs at least " + minimumRows
                    + " training rows, got " + configurations.size());
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException(learner + ": target " + i + " of " + configurations.get(i)
                        + " is not finite: " + targets[i]);
            }
        }
        return new TrainingData(encoding, encoding.encode(configurations), targets.clone());
    }

    int rows() {
        return y.length;
    }

    int columns() {
        return encoding.width();
    }
}
