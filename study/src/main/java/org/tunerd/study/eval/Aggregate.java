package org.tunerd.study.eval;

import java.util.List;
import org.tunerd.models.data.Metric;

/**
 * Mean and sample standard deviation over repetitions (and, for {@link #ALL_TARGETS}, over targets).
 *
 * @param target   target name, or {@value #ALL_TARGETS} for every target pooled
 * @param strategy strategy name
 * @param learner  learner name
 * @param metric   latency or energy
 * @param n        number of repetition results aggregated
 */
public record Aggregate(String target, String strategy, String learner, Metric metric, int n, double mapeMean,
        double mapeSd, double nmseMean, double nmseSd, double regretMean, double regretSd) {

    /** The target name of rows pooled over every target. */
    public static final String ALL_TARGETS = "all";

    static Aggregate of(String target, String strategy, String learner, Metric metric, List<RepetitionResult> rows) {
        double[] mape = rows.stream().mapToDouble(RepetitionResult::mape).toArray();
        double[] nmse = rows.stream().mapToDouble(RepetitionResult::nmse).toArray();
        double[] regret = rows.stream().mapToDouble(RepetitionResult::regret).toArray();
        return new Aggregate(target, strategy, learner, metric, rows.size(), mean(mape), sd(mape), mean(nmse), sd(nmse),
                mean(regret), sd(regret));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
