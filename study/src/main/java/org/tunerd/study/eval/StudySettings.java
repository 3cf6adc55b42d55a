package org.tunerd.study.eval;

import java.util.List;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.space.Budget;
import org.tunerd.models.transfer.Strategies;

/**
 * What one study runs.
 *
 * @param strategies  strategy names ({@link Strategies#NAMES})
 * @param learners    learner names ({@link Learners#NAMES})
 * @param repetitions repetitions per target, strategy and learner
 * @param budget      target measurements per repetition
 * @param seed        seed of every random choice; equal settings give equal results
 * @param threads     worker threads (results do not depend on it)
 */
public record StudySettings(List<String> strategies, List<String> learners, int repetitions, Budget budget, long seed,
        int threads) {

    /** The study's budget: 2.44 % of the space (19 of 768 configurations). */
    public static final Budget STUDY_BUDGET = Budget.ofFraction(0.0244);

    public StudySettings {
        strategies = List.copyOf(strategies);
        learners = List.copyOf(learners);
        if (strategies.isEmpty() || learners.isEmpty()) {
            throw new IllegalArgumentException("a study needs at least one strategy and one learner");
        }
        strategies.forEach(Strategies::create); // fail early on unknown names
        learners.forEach(Learners::create);
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        java.util.Objects.requireNonNull(budget, "budget");
    }

    /** Every strategy and learner, 10 repetitions, the study's 2.44 % budget, seed 1, one thread. */
    public static StudySettings defaults() {
        return new StudySettings(Strategies.NAMES, Learners.NAMES, 10, STUDY_BUDGET, 1L, 1);
    }
}
