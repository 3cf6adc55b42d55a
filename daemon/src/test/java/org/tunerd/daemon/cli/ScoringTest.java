package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class ScoringTest {

    private static final double[] LATENCY = {0.9, 0.5, 0.2, 0.7, 0.3, 1.1, 0.4};
    private static final double[] ENERGY = {3.0, 5.0, 9.0, 2.0, 8.0, 1.0, 6.0};

    private static ConfigurationSpace space() {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < LATENCY.length; i++) {
            values.add((double) i);
        }
        return new ConfigurationSpace(List.of(Option.ordinal("k", values)));
    }

    private static MeasurementSet truth(ConfigurationSpace space) {
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < LATENCY.length; i++) {
            ms.add(new Measurement(Configuration.of("k", i), LATENCY[i], ENERGY[i]));
        }
        return new MeasurementSet(new Environment("B", "d", 1, 1), space, ms, EnergyUnit.JOULES);
    }

    /** The mean over every subset of {@code b} configurations of the best one's regret, and the miss share. */
    private static double[] bruteForce(Scoring scoring, int n, int b) {
        double sum = 0;
        int feasible = 0;
        int subsets = 0;
        for (int mask = 0; mask < 1 << n; mask++) {
            if (Integer.bitCount(mask) != b) {
                continue;
            }
            subsets++;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) == 1) {
                    best = Math.min(best, scoring.regretPercent(Configuration.of("k", i)));
                }
            }
            if (Double.isFinite(best)) {
                sum += best;
                feasible++;
            }
        }
        return new double[] {sum / feasible, 1 - (double) feasible / subsets};
    }

    @Test
    void theRandomBaselineIsTheExactExpectationOverEveryDraw() {
        ConfigurationSpace space = space();
        for (Objective objective : List.of(new Objective.MinEnergy(), new Objective.MinLatency(),
                new Objective.Weighted(1, 2), new Objective.MinEnergyWithinLatency(0.45))) {
            Scoring scoring = new Scoring(objective, truth(space), space);
            for (int b = 1; b <= LATENCY.length; b++) {
                double[] expected = bruteForce(scoring, LATENCY.length, b);
                Scoring.Expectation got = scoring.randomBest(b);
                assertEquals(expected[0], got.regretPercent(), 1e-9, objective + " b=" + b);
                assertEquals(expected[1], got.missProbability(), 1e-12, objective + " b=" + b);
            }
        }
        Scoring energy = new Scoring(new Objective.MinEnergy(), truth(space), space);
        assertEquals(0, energy.randomBest(LATENCY.length).regretPercent(), 1e-12, "measuring all finds the best");
        assertEquals(100 * (6.0 / 1 - 1), energy.regretPercent(Configuration.of("k", 6)), 1e-9);
    }

    @Test
    void onlyOfferedConfigurationsAreScoredAndABoundCanBeMissed() {
        ConfigurationSpace space = space();
        ConfigurationSpace offered = ConfigurationSpace.listed(space.options(),
                List.of(Configuration.of("k", 0), Configuration.of("k", 1), Configuration.of("k", 2)));
        Scoring scoring = new Scoring(new Objective.MinEnergyWithinLatency(0.6), truth(space), offered);
        assertEquals(3, scoring.offered());
        assertEquals(5.0, scoring.bestScore(), 0.0, "k=5 (energy 1) is not offered, k=0 misses the bound");
        assertEquals(Double.POSITIVE_INFINITY, scoring.regretPercent(Configuration.of("k", 0)));
        assertTrue(Double.isNaN(scoring.regretPercent(Configuration.of("k", 5))));
        assertEquals(1.0 / 3, scoring.randomBest(1).missProbability(), 1e-12);
        assertEquals(0, scoring.randomBest(2).missProbability(), 1e-12);
    }

    @Test
    void theSourceBaselineMeasuresThePredictedTopAndKeepsTheBest() {
        ConfigurationSpace space = space();
        Scoring scoring = new Scoring(new Objective.MinEnergy(), truth(space), space);
        // A source that ranks by the reverse of the truth's energy except that k=3 looks best.
        var top1 = scoring.topPredictedRegret(1, c -> 1, c -> c.get("k") == 3 ? 0.1 : 10 - ENERGY[(int) c.get("k")]);
        assertEquals(100.0, top1.getAsDouble(), 1e-9, "k=3 measured: energy 2 against the best 1");
        var top2 = scoring.topPredictedRegret(2, c -> 1, c -> c.get("k") == 3 ? 0.1 : 10 - ENERGY[(int) c.get("k")]);
        assertEquals(100.0, top2.getAsDouble(), 1e-9, "then k=2 (energy 9): still 2 is the best measured");
        var perfect = scoring.topPredictedRegret(1, c -> 1, c -> ENERGY[(int) c.get("k")]);
        assertEquals(0, perfect.getAsDouble(), 1e-12);
        assertTrue(scoring.topPredictedRegret(3, c -> 1, c -> Double.NaN).isEmpty());
    }
}
