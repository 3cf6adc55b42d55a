package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunerd.models.data.Metric;

/**
 * Every repetition result of a study, its aggregates and its timing.
 *
 * @param source        source name
 * @param settings      what was run
 * @param rows          per-repetition results, in the study's deterministic order
 * @param sourceSeconds wall time of fitting the source models
 * @param seconds       wall time of the whole study
 */
public record StudyResult(String source, StudySettings settings, List<RepetitionResult> rows, double sourceSeconds,
        double seconds) {

    public StudyResult {
        rows = List.copyOf(rows);
    }

    /** Aggregates per target, strategy, learner and metric, then pooled over targets ({@link Aggregate#ALL_TARGETS}). */
    public List<Aggregate> aggregates() {
        Map<List<Object>, List<RepetitionResult>> perTarget = new LinkedHashMap<>();
        Map<List<Object>, List<RepetitionResult>> pooled = new LinkedHashMap<>();
        for (RepetitionResult r : rows) {
            perTarget.computeIfAbsent(List.of(r.target(), r.strategy(), r.learner(), r.metric()), k -> new ArrayList<>())
                    .add(r);
            pooled.computeIfAbsent(List.of(r.strategy(), r.learner(), r.metric()), k -> new ArrayList<>()).add(r);
        }
        List<Aggregate> out = new ArrayList<>();
        perTarget.forEach((k, v) -> out.add(Aggregate.of((String) k.get(0), (String) k.get(1), (String) k.get(2),
                (Metric) k.get(3), v)));
        pooled.forEach((k, v) -> out.add(Aggregate.of(Aggregate.ALL_TARGETS, (String) k.get(0), (String) k.get(1),
                (Metric) k.get(2), v)));
        return out;
    }

    /** The pooled aggregate of one strategy, learner and metric. */
    public Aggregate pooled(String strategy, String learner, Metric metric) {
        return aggregates().stream().filter(a -> a.target().equals(Aggregate.ALL_TARGETS)
                        && a.strategy().equals(strategy) && a.learner().equals(learner) && a.metric() == metric)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no result for " + strategy + "/" + learner));
    }
}
