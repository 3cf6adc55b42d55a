package org.tunerd.models.learn;

import java.util.List;
import org.tunerd.models.space.Configuration;

/**
 * A learning algorithm: fits a {@link Model} from measured configurations and their target values.
 * Fitting is deterministic (a learner that randomises uses its own seed) and learners are stateless,
 * so one instance may fit on several threads at once.
 */
public interface Learner {

    /** Short name, e.g. {@code rt}. */
    String name();

    /** Fits with the given encoding; {@code targets[i]} belongs to {@code configurations.get(i)}. */
    Model fit(FeatureEncoding encoding, List<Configuration> configurations, double[] targets);

    /** Fits with an encoding inferred from the configurations ({@link FeatureEncoding#infer}). */
    default Model fit(List<Configuration> configurations, double[] targets) {
        return fit(FeatureEncoding.infer(configurations), configurations, targets);
    }
}
