package org.tunerd.models.adaptation;

import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Model;

/** How an adaptation fits the target model of one metric on its measurements (also on cross-validation folds). */
@FunctionalInterface
interface TargetModel {

    /** @throws IllegalArgumentException if {@code samples} are too few for the model */
    Model fit(Metric metric, List<Measurement> samples);
}
