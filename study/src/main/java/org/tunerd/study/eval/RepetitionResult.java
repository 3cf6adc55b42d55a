package org.tunerd.study.eval;

import org.tunerd.models.data.Metric;

/**
 * The outcome of one repetition of one strategy and learner on one target, for one metric.
 *
 * @param source     source data set name
 * @param target     target data set name
 * @param strategy   strategy name
 * @param learner    learner name
 * @param repetition 0-based repetition
 * @param metric     latency or energy
 * @param samples    target configurations measured
 * @param mape       MAPE in % over every measured target configuration
 * @param nmse       NMSE over every measured target configuration
 * @param regret     regret in % of the predicted-best configuration against the best measured one
 * @param seconds    wall time of the target fit and the whole-target prediction
 */
public record RepetitionResult(String source, String target, String strategy, String learner, int repetition,
        Metric metric, int samples, double mape, double nmse, double regret, double seconds) {
}
