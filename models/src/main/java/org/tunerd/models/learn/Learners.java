package org.tunerd.models.learn;

import java.util.List;
import java.util.Locale;

/** Creates learners by their short names: {@code rt}, {@code rf}, {@code nn}, {@code ols}. */
public final class Learners {

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("rt", "rf", "nn", "ols");

    private Learners() {
    }

    /** The learner called {@code name} (any case) with its default settings and seed 0. */
    public static Learner create(String name) {
        return create(name, 0L);
    }

    /** The learner called {@code name}; randomised learners (rf, nn) use {@code seed}. */
    public static Learner create(String name, long seed) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "rt" -> new RegressionTreeLearner();
            case "rf" -> new RandomForestLearner(100, seed);
            case "nn" -> new MlpLearner(new int[] {32, 16}, 200, 16, 0.01, seed);
            case "ols" -> new OlsLearner();
            default -> throw new IllegalArgumentException("unknown learner '" + name + "'; expected one of " + NAMES);
        };
    }
}
