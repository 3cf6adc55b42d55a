package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

class SequentialOptimiserTest {

    private static Measurement run(SequentialOptimiser o, MeasurementSet target) {
        Set<Configuration> seen = new HashSet<>();
        while (!o.shouldStop()) {
            Configuration c = o.next();
            assertEquals(c, o.next(), "next() repeats until observed");
            assertTrue(seen.add(c), "never measures a configuration twice: " + c);
            o.observe(target.find(c).orElseThrow());
        }
        return o.best().orElseThrow();
    }

    @Test
    void findsNearOptimalEnergyOnRealTargetWithinTenMeasurements() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        MeasurementSet target = Datasets.read("xception_600x600");
        TransferFeatures f = new TransferFeatures(new SourceModel(source), target.space(), target.configurations());
        SequentialOptimiser o = new SequentialOptimiser(f, Goal.minimise(Metric.ENERGY),
                SequentialOptimiser.Settings.standard(10), 1);
        Measurement best = run(o, target);
        assertEquals(10, o.measurements());
        double optimum = target.best(Metric.ENERGY).energy();
        assertTrue(best.energy() <= 1.05 * optimum, "energy " + best.energy() + " vs optimum " + optimum);
    }

    @Test
    void latencyBoundIsRespectedByTheAnswer() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.4, TransferTest.SPACE);
        double bound = medianLatency(target);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), target.space(), target.configurations());
        SequentialOptimiser o = new SequentialOptimiser(f, Goal.minEnergyWithin(bound),
                SequentialOptimiser.Settings.standard(12), 3);
        Measurement best = run(o, target);
        assertTrue(best.latency() <= bound);
        double bestFeasible = target.measurements().stream().filter(m -> m.latency() <= bound)
                .mapToDouble(Measurement::energy).min().orElseThrow();
        assertTrue(best.energy() <= 1.10 * bestFeasible, best.energy() + " vs " + bestFeasible);
    }

    @Test
    void stoppingRuleEndsEarlyOnAnEasyTarget() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.4, 0.7, TransferTest.SPACE); // exact multiple
        TransferFeatures f = new TransferFeatures(new SourceModel(source), target.space(), target.configurations());
        SequentialOptimiser o = new SequentialOptimiser(f, Goal.minimise(Metric.LATENCY),
                SequentialOptimiser.Settings.standard(30).withStopGain(0.001, 4), 1);
        Measurement best = run(o, target);
        assertTrue(o.measurements() < 30, "stopped after " + o.measurements());
        assertEquals(target.best(Metric.LATENCY), best);
    }

    @Test
    void goalsFromObjectivesAndTheDaemonFactory() {
        assertEquals(Goal.minimise(Metric.ENERGY), Goal.of(new org.tunerd.models.optimize.Objective.MinEnergy()));
        assertEquals(Goal.minEnergyWithin(0.5),
                Goal.of(new org.tunerd.models.optimize.Objective.MinEnergyWithinLatency(0.5)));
        assertThrows(IllegalArgumentException.class,
                () -> Goal.of(new org.tunerd.models.optimize.Objective.Weighted(1, 1)));
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.5, TransferTest.SPACE);
        SequentialOptimiser o = SequentialOptimiser.over(source, target.configurations(),
                Goal.minimise(Metric.LATENCY), SequentialOptimiser.Settings.standard(6), 1);
        assertEquals(source.best(Metric.LATENCY).configuration(), o.next(), "starts where the source is best");
        Measurement best = run(o, target);
        assertTrue(best.latency() <= 1.02 * target.best(Metric.LATENCY).latency());
    }

    @Test
    void underALatencyBoundStartsAtTheSourcesFastestThenSpreadsThenSteers() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.4, TransferTest.SPACE);
        double bound = medianLatency(target);
        Configuration fastest = source.best(Metric.LATENCY).configuration();
        Set<Configuration> randomStarts = new HashSet<>();
        for (long seed = 1; seed <= 4; seed++) {
            SequentialOptimiser o = SequentialOptimiser.over(source, target.configurations(),
                    Goal.minEnergyWithin(bound), SequentialOptimiser.Settings.standard(8), seed);
            assertEquals(fastest, o.next(), "seed " + seed + ": the source's fastest configuration comes first");
            Measurement first = target.find(o.next()).orElseThrow();
            o.observe(first);
            assertTrue(first.latency() <= bound, "the fastest configuration meets the median bound");
            assertEquals(first, o.best().orElseThrow(), "a feasible answer from the first measurement");
            Measurement best = run(o, target);
            assertTrue(best.latency() <= bound && best.energy() <= first.energy());
            SequentialOptimiser random = SequentialOptimiser.over(source, target.configurations(),
                    Goal.minEnergyWithin(bound), SequentialOptimiser.Settings.standard(8).withRandomStartUnderBound(), seed);
            randomStarts.add(random.next());
        }
        assertTrue(randomStarts.size() > 1, "without the fastest-first start the first candidate depends on the seed");
    }

    @Test
    void forMinEnergyTheSourcesBestComesFirstThenTwoSpreadPointsChosenWithoutTheModel() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        List<Configuration> sourceTop = source.measurements().stream()
                .sorted(Comparator.comparingDouble(Measurement::energy)).limit(10).map(Measurement::configuration)
                .toList();
        List<List<Configuration>> starts = new ArrayList<>();
        for (MeasurementSet target : List.of(TransferTest.synthetic("b", 0.5, 0.4, TransferTest.SPACE),
                TransferTest.synthetic("c", 0.9, 0.1, TransferTest.SPACE))) {
            SequentialOptimiser o = SequentialOptimiser.over(source, target.configurations(),
                    Goal.minimise(Metric.ENERGY), SequentialOptimiser.Settings.standard(8), 5);
            List<Configuration> start = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                Configuration next = o.next();
                start.add(next);
                o.observe(target.find(next).orElseThrow());
            }
            starts.add(start);
            assertEquals(sourceTop.get(0), start.get(0), "the source's best energy comes first");
            assertTrue(!sourceTop.contains(start.get(1)) && !sourceTop.contains(start.get(2)),
                    "then two points away from the source's ranking, not its next best: " + start);
        }
        assertEquals(starts.get(0), starts.get(1), "the two spread points are a design: the same for any target");
    }

    @Test
    void rejectsMeasurementOfANonCandidate() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), source.space(),
                source.configurations().subList(0, 20));
        SequentialOptimiser o = new SequentialOptimiser(f, Goal.minimise(Metric.LATENCY),
                SequentialOptimiser.Settings.standard(5), 1);
        Measurement outside = source.get(50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.observe(outside));
        assertTrue(e.getMessage().contains("not a candidate"));
    }

    private static double medianLatency(MeasurementSet target) {
        return target.measurements().stream().mapToDouble(Measurement::latency).sorted()
                .skip(target.size() / 2).findFirst().orElseThrow();
    }
}
