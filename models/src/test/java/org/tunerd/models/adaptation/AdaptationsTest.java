package org.tunerd.models.adaptation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

/** The adaptations by name, driven as a session drives them, on a synthetic board. */
class AdaptationsTest {

    static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
            Option.ordinal("cpu_freq", List.of(345600.0, 806400.0, 1267200.0, 1728000.0, 2035200.0)),
            Option.ordinal("gpu_freq", List.of(140250000.0, 420750000.0, 828750000.0, 1300500000.0))));

    /** A board whose latency mixes a CPU and a GPU part and whose power grows with clocks and cores. */
    static MeasurementSet board(String dnn, double work, double gpuShare) {
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : SPACE.configurations()) {
            double cpu = c.get("cpu_freq") / 2035200.0;
            double gpu = c.get("gpu_freq") / 1300500000.0;
            double latency = work * (gpuShare / gpu + (1 - gpuShare) / (cpu * Math.sqrt(c.get("cores"))));
            double power = 3 + 2 * gpu * gpu + cpu * c.get("cores");
            ms.add(new Measurement(c, latency, power * latency));
        }
        return new MeasurementSet(new Environment("SIM", dnn, 224, 224), SPACE, ms);
    }

    private static final Source SOURCE = new Source(board("a", 0.2, 0.7));
    private static final Source OTHER = new Source(board("c", 0.3, 0.5));
    private static final MeasurementSet TARGET = board("b", 0.5, 0.6);

    private static AdaptationTask task(List<Source> sources, Objective objective, int budget, List<Measurement> resumed) {
        return new AdaptationTask(SPACE, sources, objective, budget, 7, resumed, true);
    }

    /** Measures what the run asks for on the target until it is done. */
    private static List<Configuration> drive(AdaptationRun run) {
        List<Configuration> asked = new ArrayList<>();
        while (!run.done()) {
            Configuration c = run.next();
            asked.add(c);
            run.observe(TARGET.find(c).orElseThrow());
        }
        return asked;
    }

    @Test
    void namesAreCaseInsensitiveTheDefaultComesFirstAndAnUnknownNameIsRefusedWithTheKnownOnes() {
        assertEquals("STACKED-GP", Adaptations.DEFAULT);
        assertEquals(Adaptations.DEFAULT, Adaptations.NAMES.get(0));
        for (String name : Adaptations.NAMES) {
            assertEquals(name, Adaptations.create(name.toLowerCase(java.util.Locale.ROOT), "rt", 1).name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Adaptations.create("magic", "rt", 1));
        assertTrue(e.getMessage().contains("magic") && e.getMessage().contains("LMS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adaptations.create("LMS", "xgboost", 1));
    }

    @Test
    void stackedGpChoosesOneAtATimeAndRecommendsTheBestMeasured() {
        AdaptationRun run = Adaptations.create("STACKED-GP", "rf", 7).start(task(List.of(SOURCE),
                new Objective.MinEnergy(), 10, List.of()));
        assertEquals(List.of(), run.plan(), "no plan up front");
        assertEquals(10, run.planned());
        List<Configuration> asked = drive(run);
        assertEquals(10, asked.size());
        assertEquals(10, Set.copyOf(asked).size(), "never the same configuration twice");
        AdaptationResult result = run.fit();
        Recommendation r = result.recommendation();
        assertEquals(Recommendation.Basis.BEST_MEASURED, r.basis());
        Measurement best = result.samples().stream().min(java.util.Comparator.comparingDouble(Measurement::energy))
                .orElseThrow();
        assertEquals(best.configuration(), r.configuration());
        int i = SPACE.configurations().indexOf(r.configuration());
        assertEquals(result.energies()[i], r.predictedEnergy(), 0.0, "the prediction for the recommended one");
        assertEquals(SPACE.size(), result.latencies().length);
        assertTrue(result.energy().isPresent());
        assertTrue(result.latencyCvMape() > 0 && result.latencyCvMape() < 50, "CV MAPE " + result.latencyCvMape());
    }

    @Test
    void stackedGpUnderAWeightedObjectivePlansItsDesignAndRecommendsThePredictedOptimum() {
        AdaptationRun run = Adaptations.create("STACKED-GP", "rf", 7).start(task(List.of(SOURCE),
                new Objective.Weighted(1, 1), 12, List.of()));
        assertEquals(12, run.plan().size());
        assertEquals(run.plan(), drive(run));
        assertEquals(Recommendation.Basis.PREDICTED_OPTIMUM, run.fit().recommendation().basis());
    }

    @Test
    void withoutASourceEveryAdaptationIsAColdStartOnAUniformSample() {
        for (String name : List.of("STACKED-GP", "LMS", "GS")) {
            AdaptationRun run = Adaptations.create(name, "rt", 7).start(task(List.of(), new Objective.MinLatency(), 12,
                    List.of()));
            assertEquals("Scratch", run.name());
            assertEquals(List.of(), run.sources());
            assertEquals(12, run.plan().size());
            assertEquals(run.plan(), drive(run));
            AdaptationResult result = run.fit();
            assertEquals(Recommendation.Basis.PREDICTED_OPTIMUM, result.recommendation().basis());
            assertTrue(SPACE.allows(result.recommendation().configuration()));
        }
    }

    @Test
    void aPlannedStrategyTransfersFromThePrimarySourceAloneStackedGpFromEvery() {
        List<Source> both = List.of(SOURCE, OTHER);
        AdaptationRun lms = Adaptations.create("LMS", "rt", 7).start(task(both, new Objective.MinEnergy(), 8, List.of()));
        assertEquals(List.of(SOURCE), lms.sources());
        AdaptationRun stacked = Adaptations.create("STACKED-GP", "rt", 7).start(task(both, new Objective.MinEnergy(), 8,
                List.of()));
        assertEquals(both, stacked.sources());
    }

    @Test
    void aResumedRunUsesItsEarlierMeasurementsAndMeasuresOnlyTheRest() {
        AdaptationRun first = Adaptations.create("LMS", "rt", 7).start(task(List.of(SOURCE), new Objective.MinEnergy(),
                10, List.of()));
        List<Configuration> plan = first.plan();
        List<Measurement> earlier = plan.subList(0, 4).stream().map(c -> TARGET.find(c).orElseThrow()).toList();
        AdaptationRun resumed = Adaptations.create("LMS", "rt", 7).start(task(List.of(SOURCE), new Objective.MinEnergy(),
                10, earlier));
        assertEquals(plan, resumed.plan(), "same seed, same plan");
        assertEquals(earlier, resumed.measurements());
        assertEquals(plan.subList(4, 10), drive(resumed));
        assertEquals(10, resumed.measurements().size());

        AdaptationRun sequential = Adaptations.create("STACKED-GP", "rt", 7).start(task(List.of(SOURCE),
                new Objective.MinEnergy(), 10, earlier));
        assertEquals(earlier, sequential.measurements());
        List<Configuration> asked = drive(sequential);
        assertEquals(6, asked.size(), "the budget counts the resumed measurements");
        assertFalse(asked.stream().anyMatch(earlier.stream().map(Measurement::configuration)
                .collect(Collectors.toSet())::contains));
    }

    @Test
    void aTaskWhoseObjectiveNeedsEnergyTheDeviceCannotMeasureIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new AdaptationTask(SPACE, List.of(SOURCE),
                new Objective.MinEnergy(), 10, 1, List.of(), false));
        assertTrue(e.getMessage().contains("energy"), e.getMessage());
        AdaptationRun latencyOnly = Adaptations.create("STACKED-GP", "rt", 7).start(new AdaptationTask(SPACE,
                List.of(SOURCE), new Objective.MinLatency(), 6, 1, List.of(), false));
        drive(latencyOnly);
        AdaptationResult result = latencyOnly.fit();
        assertTrue(result.energy().isEmpty());
        assertTrue(Double.isNaN(result.energyCvMape()));
        assertTrue(Double.isNaN(result.energies()[0]));
        assertEquals(Metric.LATENCY, new Objective.MinLatency().minimised().orElseThrow());
    }
}
