package org.tunerd.models.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class GuidedSamplingTest {

    /** latency depends on a only, energy on the interaction b*c only; d matters for neither. */
    static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("a", List.of(1.0, 2.0, 3.0, 4.0)),
            Option.ordinal("b", List.of(1.0, 2.0, 3.0)),
            Option.ordinal("c", List.of(1.0, 2.0, 3.0)),
            Option.ordinal("d", List.of(1.0, 2.0, 3.0, 4.0, 5.0))));
    static final Source SOURCE;

    static {
        Random r = new Random(2);
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : SPACE.configurations()) {
            ms.add(new Measurement(c, 1 + 5 * c.get("a") + 0.01 * r.nextGaussian(),
                    10 + 4 * c.get("b") * c.get("c") + 0.01 * r.nextGaussian()));
        }
        SOURCE = new Source(new MeasurementSet(new Environment("T", "s", 1, 1), SPACE, ms));
    }

    private final GuidedSampling gs = new GuidedSampling();

    @Test
    void groupsAreTheUnionOfBothMetricsInfluentialTerms() {
        Map<List<String>, Double> groups = gs.influentialGroups(SOURCE);
        assertTrue(groups.containsKey(List.of("a")), groups.toString());
        assertTrue(groups.containsKey(List.of("b", "c")), groups.toString());
        assertTrue(groups.keySet().stream().noneMatch(g -> g.contains("d") && groups.get(g) > 0.01), groups.toString());
    }

    @Test
    void aLargeEnoughBudgetCoversTheWholeDesignAndIsFilledAtRandom() {
        // design: a swept (4 points) + all 9 (b, c) pairs, others at the median default; 12 distinct points
        List<Configuration> plan = gs.plan(SOURCE, SPACE.configurations(), 30, new Random(1));
        assertEquals(30, plan.size());
        assertEquals(30, new HashSet<>(plan).size());
        Configuration base = Configuration.of("a", 2, "b", 2, "c", 2, "d", 3);
        for (double a : List.of(1.0, 2.0, 3.0, 4.0)) {
            assertTrue(plan.subList(0, 12).contains(base.with("a", a)), "a swept: " + a);
        }
        for (double b : List.of(1.0, 2.0, 3.0)) {
            for (double c : List.of(1.0, 2.0, 3.0)) {
                assertTrue(plan.subList(0, 12).contains(base.with("b", b).with("c", c)), "pair " + b + "," + c);
            }
        }
        assertTrue(plan.subList(12, 30).stream().anyMatch(c -> c.get("d") != 3.0), "the rest is random");
    }

    @Test
    void aSmallBudgetIsSharedBetweenTheGroups() {
        List<Configuration> plan = gs.plan(SOURCE, SPACE.configurations(), 4, new Random(9));
        assertEquals(4, plan.size());
        assertTrue(plan.stream().allMatch(c -> c.get("d") == 3.0), "only design points: " + plan);
        assertTrue(plan.stream().anyMatch(c -> c.get("a") != 2.0), "the a sweep gets a turn: " + plan);
        assertTrue(plan.stream().anyMatch(c -> c.get("b") != 2.0 || c.get("c") != 2.0), "the b,c grid gets a turn");
        assertEquals(plan, gs.plan(SOURCE, SPACE.configurations(), 4, new Random(9)), "deterministic for the random");
    }

    @Test
    void designPointsMissingFromTheCandidatesAreReplacedByTheNearest() {
        List<Configuration> candidates = SPACE.configurations().stream().filter(c -> c.get("d") != 3.0).toList();
        List<Configuration> plan = gs.plan(SOURCE, candidates, 8, new Random(3));
        assertEquals(8, plan.size());
        assertTrue(candidates.containsAll(plan));
    }

    @Test
    void fitsTheLearnerOnTheTargetSamplesAlone() {
        List<Configuration> plan = gs.plan(SOURCE, SPACE.configurations(), 12, new Random(4));
        List<Measurement> samples = plan.stream().map(c -> SOURCE.data().find(c).orElseThrow()).toList();
        Model m = gs.fit(SOURCE, Learners.create("rt"), Metric.LATENCY, samples);
        samples.forEach(s -> assertEquals(s.latency(), m.predict(s.configuration()), 1e-9));
    }

    @Test
    void guidesOnTheRealStudyData() {
        var source = StrategiesTest.SOURCE;
        List<Configuration> plan = gs.plan(source, StrategiesTest.TARGET.configurations(), 19, new Random(5));
        assertEquals(19, new HashSet<>(plan).size());
        assertTrue(StrategiesTest.TARGET.configurations().containsAll(plan));
    }
}
