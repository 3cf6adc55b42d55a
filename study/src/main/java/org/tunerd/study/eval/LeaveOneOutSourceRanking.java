package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tunerd.models.adapt.LeaveOneOut;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * Ranks candidate sources by how well each explains the first few target measurements: for every source,
 * the leave-one-out error (mean absolute log error over latency and, when measured, energy) of the
 * {@link StackedGp} on those measurements; the lowest wins. With fewer than four measurements the error is
 * that of a pure log shift (the mean log ratio), which needs only one. Studied by
 * {@link SourceSelectionStudy}; the daemon chooses its sources without target measurements
 * ({@code daemon.service.SourceSelector}).
 */
public final class LeaveOneOutSourceRanking {

    /** One source's score. */
    public record Score(SourceModel source, double error) {
    }

    private final StackedGp model;

    public LeaveOneOutSourceRanking(StackedGp model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** Scores every source on {@code samples} (target measurements), best first. */
    public List<Score> rank(List<SourceModel> sources, List<Configuration> candidates, List<Measurement> samples) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no candidate sources");
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("source selection needs at least one target measurement");
        }
        List<Score> scores = new ArrayList<>();
        for (SourceModel s : sources) {
            scores.add(new Score(s, error(s, candidates, samples)));
        }
        scores.sort(Comparator.comparingDouble(Score::error));
        return scores;
    }

    /** The best source for {@code samples}. */
    public SourceModel select(List<SourceModel> sources, List<Configuration> candidates, List<Measurement> samples) {
        return rank(sources, candidates, samples).get(0).source();
    }

    private double error(SourceModel source, List<Configuration> candidates, List<Measurement> samples) {
        List<Configuration> all = new ArrayList<>(candidates);
        java.util.Set<Configuration> known = new java.util.HashSet<>(candidates);
        for (Measurement m : samples) {
            if (known.add(m.configuration())) {
                all.add(m.configuration());
            }
        }
        TransferFeatures f = TransferFeatures.of(source, all);
        int[] train = samples.stream().mapToInt(m -> f.indexOf(m.configuration())).toArray();
        boolean energy = source.hasEnergy() && samples.stream().allMatch(Measurement::hasEnergy);
        List<Metric> metrics = energy ? List.of(Metric.LATENCY, Metric.ENERGY) : List.of(Metric.LATENCY);
        double total = 0;
        for (Metric metric : metrics) {
            double[] y = samples.stream().mapToDouble(m -> Math.log(m.value(metric))).toArray();
            total += (train.length >= 4 ? looError(f, metric, train, y) : shiftError(f, metric, train, y))
                    / metrics.size();
        }
        return total;
    }

    private double looError(TransferFeatures f, Metric metric, int[] train, double[] y) {
        return LeaveOneOut.meanAbsLogError(train, y,
                (t, yy, heldOut) -> model.train(f, metric, t, yy).predictLog(heldOut).mean());
    }

    private static double shiftError(TransferFeatures f, Metric metric, int[] train, double[] y) {
        int n = train.length;
        double mean = 0;
        for (int k = 0; k < n; k++) {
            mean += (y[k] - f.sourceLog(metric, train[k])) / n;
        }
        double err = 0;
        for (int k = 0; k < n; k++) {
            err += Math.abs(y[k] - f.sourceLog(metric, train[k]) - mean) / n;
        }
        return err;
    }
}
