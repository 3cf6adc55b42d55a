package org.tunerd.models.adaptation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.transfer.Source;

/** A large space is cut down to the source's top set, its neighbours and a space-filling sample. */
class CandidateSetTest {

    /** 8 x 8 x 8 x 9 = 4,608 configurations: above {@link CandidateSet#WHOLE_SPACE_LIMIT}. */
    private static final ConfigurationSpace LARGE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)),
            Option.ordinal("cpu_freq", levels(8, 300000, 2200000)),
            Option.ordinal("gpu_freq", levels(8, 1.1e8, 1.3e9)),
            Option.ordinal("batch", List.of(1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0, 16.0))));

    private static List<Double> levels(int n, double lo, double hi) {
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(lo + (hi - lo) * i / (n - 1));
        }
        return v;
    }

    /**
     * Energy with an interior optimum: a CPU part, a GPU part and static power, per image; {@code shift} moves
     * the optimum's core count, so a source and a target differ near their optima.
     */
    private static double energy(Configuration c, double shift) {
        double cpu = c.get("cpu_freq") / 2200000.0;
        double gpu = c.get("gpu_freq") / 1.3e9;
        double cores = c.get("cores");
        double b = c.get("batch");
        double latency = (0.3 / gpu + 0.2 / (cpu * Math.sqrt(cores))) * (0.5 + 0.5 / b) * (1 + 0.01 * b);
        double power = 4 + 3 * gpu * gpu + cpu * cpu * Math.abs(cores - shift) + 0.3 * cores;
        return power * latency;
    }

    private static MeasurementSet source(int rows) {
        List<Configuration> all = new ArrayList<>(LARGE.configurations());
        java.util.Collections.shuffle(all, new Random(3));
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : all.subList(0, rows)) {
            ms.add(new Measurement(c, 0.01 * c.get("batch"), energy(c, 0)));
        }
        return new MeasurementSet(new Environment("SIM", "src", 224, 224), LARGE, ms);
    }

    private static AdaptationTask task(MeasurementSet source, List<Measurement> resumed) {
        return new AdaptationTask(LARGE, List.of(new Source(source)), new Objective.MinEnergy(), 19, 5, resumed, true);
    }

    @Test
    void aSpaceUpToTheLimitIsUsedWhole() {
        AdaptationTask t = task(source(300), List.of());
        assertSame(LARGE.configurations(), CandidateSet.of(t, LARGE.size()));
    }

    @Test
    void aLargeSpaceKeepsTheSourcesTopSetWithItsNeighboursTheResumedAndTheMaximum() {
        MeasurementSet src = source(2000);
        Configuration resumed = LARGE.get(17);
        int limit = 600;
        List<Configuration> candidates = CandidateSet.of(task(src, List.of(new Measurement(resumed, 1, 1))), limit);
        assertEquals(limit, candidates.size());
        assertEquals(limit, new HashSet<>(candidates).size(), "distinct");
        assertTrue(candidates.contains(resumed));
        assertTrue(candidates.contains(LARGE.maximum()));
        for (int i = 1; i < candidates.size(); i++) {
            assertTrue(LARGE.index(candidates.get(i - 1)) < LARGE.index(candidates.get(i)), "in the space's order");
        }
        Configuration sourceBest = src.best(Metric.ENERGY).configuration();
        assertTrue(candidates.contains(sourceBest));
        assertTrue(candidates.containsAll(CandidateSet.neighbours(sourceBest, LARGE)));
        assertEquals(candidates, CandidateSet.of(task(src, List.of(new Measurement(resumed, 1, 1))), limit),
                "the same task gives the same set");
    }

    /** The target: the source one core further (its optimum one core more than the source's). */
    private static double targetEnergy(Configuration c) {
        double cores = c.get("cores");
        return cores > 1 ? energy(c.with("cores", cores - 1), 0) : 2 * energy(c, 0);
    }

    @Test
    void theTargetsOptimumNextToTheSourcesIsACandidate() {
        Configuration targetBest = LARGE.stream().min(java.util.Comparator.comparingDouble(CandidateSetTest::targetEnergy))
                .orElseThrow();
        MeasurementSet everywhere = source(LARGE.size());
        Configuration sourceBest = everywhere.best(Metric.ENERGY).configuration();
        assertEquals(sourceBest.get("cores") + 1, targetBest.get("cores"), "a constructed case: the optima differ");
        List<Configuration> candidates = CandidateSet.of(task(everywhere, List.of()), 600);
        assertTrue(candidates.contains(targetBest), targetBest + " not among the candidates");
        assertTrue(candidates.containsAll(CandidateSet.neighbours(sourceBest, LARGE)));
    }

    @Test
    void aStackedGpRunOnALargeSpacePredictsAndRecommendsAmongItsCandidates() {
        MeasurementSet src = source(400);
        AdaptationRun run = Adaptations.create("STACKED-GP", "rf", 5).start(
                new AdaptationTask(LARGE, List.of(new Source(src)), new Objective.MinEnergy(), 6, 5, List.of(), true));
        Set<Configuration> asked = new HashSet<>();
        while (!run.done()) {
            Configuration c = run.next();
            asked.add(c);
            run.observe(new Measurement(c, 0.01 * c.get("batch"), targetEnergy(c)));
        }
        AdaptationResult result = run.fit();
        assertEquals(CandidateSet.WHOLE_SPACE_LIMIT, result.candidates().size());
        assertEquals(result.candidates().size(), result.latencies().length);
        assertTrue(result.candidates().containsAll(asked));
        assertTrue(result.candidates().contains(result.recommendation().configuration()));
    }
}
