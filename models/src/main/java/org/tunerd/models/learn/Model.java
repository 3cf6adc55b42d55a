package org.tunerd.models.learn;

import java.util.List;
import org.tunerd.models.space.Configuration;

/** A fitted performance model. Implementations are immutable and safe for concurrent prediction. */
public interface Model {

    /** The predicted value of {@code configuration}. */
    double predict(Configuration configuration);

    /** Predictions for every configuration, in order. */
    default double[] predict(List<Configuration> configurations) {
        double[] y = new double[configurations.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = predict(configurations.get(i));
        }
        return y;
    }
}
