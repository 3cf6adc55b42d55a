package org.tunerd.models.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

class StrategiesTest {

    static final MeasurementSet SOURCE_DATA = Datasets.read("inceptionv3_600x600");
    static final MeasurementSet TARGET = Datasets.read("xception_600x600");
    static final Source SOURCE = new Source(SOURCE_DATA);
    static final Learner RT = Learners.create("rt");

    static List<Measurement> measure(List<Configuration> plan) {
        return plan.stream().map(c -> TARGET.find(c).orElseThrow()).toList();
    }

    static double mape(Model m, MeasurementSet data, Metric metric) {
        double[] p = m.predict(data.configurations());
        double[] y = data.values(metric);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(p[i] - y[i]) / y[i];
        }
        return 100 * s / y.length;
    }

    @Test
    void namesCreateTheirStrategiesAndUnknownNamesFail() {
        for (String name : Strategies.NAMES) {
            assertEquals(name, Strategies.create(name.toLowerCase()).name());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Strategies.create("magic"));
        assertTrue(e.getMessage().contains("'magic'") && e.getMessage().contains("LMS"), e.getMessage());
    }

    @Test
    void randomPlansAreDistinctCandidatesWithinBudgetAndDeterministic() {
        List<Configuration> candidates = TARGET.configurations().subList(0, 300);
        for (String name : List.of("LMS", "NLMS", "Scratch")) {
            TransferStrategy s = Strategies.create(name);
            List<Configuration> plan = s.plan(SOURCE, candidates, 19, new Random(7));
            assertEquals(19, plan.size(), name);
            assertEquals(19, new HashSet<>(plan).size(), name);
            assertTrue(candidates.containsAll(plan), name);
            assertEquals(plan, s.plan(SOURCE, candidates, 19, new Random(7)), name);
            assertNotEquals(plan, s.plan(SOURCE, candidates, 19, new Random(8)), name);
            assertEquals(5, s.plan(SOURCE, candidates.subList(0, 5), 19, new Random(1)).size(),
                    name + ": never more than the candidates");
            assertThrows(IllegalArgumentException.class, () -> s.plan(SOURCE, candidates, -1, new Random(1)));
        }
    }

    @Test
    void directModelMeasuresNothingAndReusesTheSourceModel() {
        TransferStrategy dm = Strategies.create("DM");
        assertEquals(List.of(), dm.plan(SOURCE, TARGET.configurations(), 19, new Random(1)));
        Model m = dm.fit(SOURCE, RT, Metric.LATENCY, List.of());
        assertSame(SOURCE.model(Metric.LATENCY, RT), m, "the source model is fitted once and reused");
        Configuration c = SOURCE_DATA.get(3).configuration();
        assertEquals(SOURCE_DATA.get(3).latency(), m.predict(c), 1e-9, "a full-depth tree reproduces the source");
    }

    @Test
    void linearShiftRecoversAnExactLinearRelation() {
        // a synthetic target that is exactly 2 * source + 0.1: LMS must find slope 2 and offset 0.1
        List<Measurement> samples = SOURCE_DATA.measurements().subList(0, 19).stream()
                .map(m -> new Measurement(m.configuration(), 2 * m.latency() + 0.1, m.energy())).toList();
        var shifted = (LinearModelShift.Shifted) Strategies.create("LMS").fit(SOURCE, RT, Metric.LATENCY, samples);
        assertEquals(2.0, shifted.slope(), 1e-9);
        assertEquals(0.1, shifted.intercept(), 1e-9);
        Configuration unseen = SOURCE_DATA.get(500).configuration();
        assertEquals(2 * SOURCE_DATA.get(500).latency() + 0.1, shifted.predict(unseen), 1e-9);
    }

    @Test
    void shiftsBeatTheUnchangedSourceModelOnARealTarget() {
        List<Configuration> plan = Strategies.create("LMS").plan(SOURCE, TARGET.configurations(), 19, new Random(3));
        List<Measurement> samples = measure(plan);
        for (Metric metric : Metric.values()) {
            double dm = mape(Strategies.create("DM").fit(SOURCE, RT, metric, samples), TARGET, metric);
            double lms = mape(Strategies.create("LMS").fit(SOURCE, RT, metric, samples), TARGET, metric);
            double nlms = mape(Strategies.create("NLMS").fit(SOURCE, RT, metric, samples), TARGET, metric);
            // inception 600x600 and xception 600x600 differ in scale, so the unchanged source model is far off
            assertTrue(lms < dm && nlms < dm, metric + ": dm " + dm + " lms " + lms + " nlms " + nlms);
        }
    }

    @Test
    void nonLinearShiftUsesSixteenTreesAndIsDeterministic() {
        List<Measurement> samples = measure(Strategies.create("NLMS").plan(SOURCE, TARGET.configurations(), 19,
                new Random(4)));
        var a = (NonLinearModelShift.Mapped) Strategies.create("NLMS").fit(SOURCE, RT, Metric.ENERGY, samples);
        var b = (NonLinearModelShift.Mapped) Strategies.create("NLMS").fit(SOURCE, RT, Metric.ENERGY, samples);
        Configuration c = TARGET.get(42).configuration();
        assertEquals(a.predict(c), b.predict(c), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> Strategies.create("NLMS").fit(SOURCE, RT, Metric.ENERGY, samples.subList(0, 1)));
    }

    @Test
    void scratchLearnsFromTheTargetSampleAlone() {
        List<Measurement> samples = measure(Strategies.create("Scratch").plan(SOURCE, TARGET.configurations(), 19,
                new Random(5)));
        Model m = Strategies.create("Scratch").fit(SOURCE, RT, Metric.LATENCY, samples);
        for (Measurement s : samples) {
            assertEquals(s.latency(), m.predict(s.configuration()), 1e-9, "a full tree reproduces its training rows");
        }
        assertTrue(mape(m, TARGET, Metric.LATENCY) < mape(Strategies.create("DM").fit(SOURCE, RT, Metric.LATENCY,
                samples), TARGET, Metric.LATENCY));
    }

    @Test
    void sourceModelsAreCachedPerMetricAndLearner() {
        Learner rf = Learners.create("rf");
        assertSame(SOURCE.model(Metric.ENERGY, rf), SOURCE.model(Metric.ENERGY, rf));
        assertNotEquals(SOURCE.model(Metric.ENERGY, rf), SOURCE.model(Metric.LATENCY, rf));
    }
}
