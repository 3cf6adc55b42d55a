package org.tunerd.daemon.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * Scores configurations of one target against its true values (the measured data or the simulator's
 * noise-free model) under an objective, over the configurations the device offers, and computes the two
 * baselines a tuner must beat with the same number of measurements: the best of B random measurements
 * (its exact expectation) and the best of the B configurations the source predicts best.
 *
 * <p>A configuration's score is the objective's ({@link Objective#score}) with the smallest true latency
 * and energy of the offered configurations as references; its regret is {@code score / best - 1} in %,
 * infinite when it misses a latency bound.
 */
final class Scoring {

    /**
     * The expected result of measuring {@code draws} configurations drawn uniformly without replacement and
     * keeping the best.
     *
     * @param regretPercent      expected regret in %, over the draws that hold a configuration meeting the
     *                           objective's constraints
     * @param missProbability    probability that no drawn configuration meets them (0 without constraints)
     */
    record Expectation(double regretPercent, double missProbability) {
    }

    private final Objective objective;
    private final List<Measurement> offered;
    private final Map<Configuration, Measurement> byConfiguration = new HashMap<>();
    private final double minLatency;
    private final double minEnergy;
    private final double best;

    /**
     * @param truth        the true values of the target
     * @param offeredSpace what the device offers; only true values of offered configurations are scored
     */
    Scoring(Objective objective, MeasurementSet truth, ConfigurationSpace offeredSpace) {
        this.objective = objective;
        this.offered = truth.measurements().stream().filter(m -> offeredSpace.contains(m.configuration())).toList();
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("no true values of " + truth.environment() + " among the "
                    + offeredSpace.size() + " configurations offered");
        }
        offered.forEach(m -> byConfiguration.put(m.configuration(), m));
        this.minLatency = offered.stream().mapToDouble(Measurement::latency).min().orElseThrow();
        this.minEnergy = offered.stream().mapToDouble(Measurement::energy).min().orElseThrow();
        this.best = offered.stream().mapToDouble(this::score).filter(Double::isFinite).min()
                .orElse(Double.POSITIVE_INFINITY);
    }

    /** Number of offered configurations with a true value. */
    int offered() {
        return offered.size();
    }

    /** The true value of {@code c}, if it is offered. */
    java.util.Optional<Measurement> truth(Configuration c) {
        return java.util.Optional.ofNullable(byConfiguration.get(c));
    }

    /** The best true score (infinite if no offered configuration meets the objective). */
    double bestScore() {
        return best;
    }

    double score(Measurement m) {
        return objective.score(m.latency(), m.energy(), minLatency, minEnergy);
    }

    /** Regret of {@code c} in %: NaN if it is not offered, infinite if it misses the objective's bound. */
    double regretPercent(Configuration c) {
        Measurement m = byConfiguration.get(c);
        return m == null ? Double.NaN : regretOf(score(m));
    }

    private double regretOf(double score) {
        return Double.isFinite(score) ? 100 * (score / best - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * The exact expectation of the best of {@code draws} uniform draws without replacement: with the scores
     * sorted ascending, the best is the i-th (1-based) with probability C(N-i, B-1) / C(N, B).
     */
    Expectation randomBest(int draws) {
        int n = offered.size();
        int b = Math.max(1, Math.min(draws, n));
        double[] scores = offered.stream().mapToDouble(this::score).sorted().toArray();
        int infeasible = (int) Arrays.stream(scores).filter(x -> !Double.isFinite(x)).count();
        double miss = 1;
        for (int j = 0; j < b; j++) {
            miss *= (double) Math.max(0, infeasible - j) / (n - j);
        }
        double p = (double) b / n;
        double regret = 0;
        for (int i = 1; i <= n - infeasible && i <= n - b + 1; i++) {
            regret += p * regretOf(scores[i - 1]);
            p *= (double) (n - i - b + 1) / (n - i);
        }
        return new Expectation(miss < 1 ? regret / (1 - miss) : Double.NaN, miss);
    }

    /**
     * The regret in % of the best true score among the {@code count} offered configurations with the best
     * predicted scores (ties in offered order); empty if a prediction is unavailable (NaN).
     */
    OptionalDouble topPredictedRegret(int count, ToDoubleFunction<Configuration> latency,
                                      ToDoubleFunction<Configuration> energy) {
        int n = offered.size();
        double[] lat = new double[n];
        double[] en = new double[n];
        for (int i = 0; i < n; i++) {
            lat[i] = latency.applyAsDouble(offered.get(i).configuration());
            en[i] = energy.applyAsDouble(offered.get(i).configuration());
        }
        double minLat = Arrays.stream(lat).min().orElseThrow();
        double minEn = Arrays.stream(en).min().orElseThrow();
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = objective.score(lat[i], en[i], minLat, minEn);
            if (Double.isNaN(predicted[i])) {
                return OptionalDouble.empty();
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> predicted[i]));
        double bestTrue = Double.POSITIVE_INFINITY;
        for (int i : order.subList(0, Math.max(1, Math.min(count, n)))) {
            bestTrue = Math.min(bestTrue, score(offered.get(i)));
        }
        return OptionalDouble.of(regretOf(bestTrue));
    }
}
