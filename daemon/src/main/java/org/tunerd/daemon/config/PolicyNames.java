package org.tunerd.daemon.config;

import java.util.List;

/** The strategy and learner names a policy may use (lower case, as in the configuration file). */
public final class PolicyNames {

    /** Direct model, linear shift, non-linear shift, guided sampling, no transfer. */
    public static final List<String> STRATEGIES = List.of("dm", "lms", "nlms", "gs", "scratch");
    /** Regression tree, random forest, neural network, linear, automatic selection. */
    public static final List<String> LEARNERS = List.of("rt", "rf", "nn", "ols", "auto");

    private PolicyNames() {
    }
}
