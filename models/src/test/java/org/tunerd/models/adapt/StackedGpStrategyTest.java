package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.StackedGpStrategy;
import org.tunerd.models.transfer.Strategies;
import org.tunerd.models.transfer.TransferStrategy;

class StackedGpStrategyTest {

    @Test
    void registeredByName() {
        assertEquals("STACKED-GP", Strategies.create("stacked-gp").name());
        assertTrue(Strategies.NAMES.contains("STACKED-GP"));
    }

    @Test
    void planAndFitOnASampledTargetPredictTheRestWell() {
        Source source = new Source(Datasets.read("inceptionv3_600x600"));
        MeasurementSet full = Datasets.read("xception_800x800");
        // the target is a random half of its space: candidates are the rows that exist
        List<Measurement> rows = new ArrayList<>(full.measurements());
        Collections.shuffle(rows, new Random(5));
        List<Measurement> target = rows.subList(0, rows.size() / 2);
        List<Configuration> candidates = target.stream().map(Measurement::configuration).toList();
        TransferStrategy s = Strategies.create("STACKED-GP");
        List<Configuration> plan = s.plan(source, candidates, 19, new Random(1));
        assertEquals(19, plan.stream().distinct().count());
        assertTrue(candidates.containsAll(plan));
        List<Measurement> samples = plan.stream().map(c -> full.find(c).orElseThrow()).toList();
        for (Metric m : Metric.values()) {
            Model model = s.fit(source, Learners.create("rt"), m, samples);
            double err = 0;
            int n = 0;
            for (Measurement t : target) {
                if (!plan.contains(t.configuration())) {
                    err += Math.abs(model.predict(t.configuration()) / t.value(m) - 1);
                    n++;
                }
            }
            assertTrue(err / n < 0.10, m + " MAPE " + err / n);
        }
    }

    @Test
    void predictsOptionValuesTheSourceNeverSaw() {
        MeasurementSet src = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        // the target board has a CPU frequency table the source never measured
        var targetSpace = new org.tunerd.models.space.ConfigurationSpace(List.of(
                org.tunerd.models.space.Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
                org.tunerd.models.space.Option.ordinal("cpu_freq", List.of(500000.0, 900000.0, 1400000.0, 1900000.0)),
                org.tunerd.models.space.Option.ordinal("gpu_freq", List.of(140250000.0, 700000000.0, 1300500000.0))));
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.6, targetSpace);
        Source source = new Source(src);
        TransferStrategy s = new StackedGpStrategy();
        List<Configuration> plan = s.plan(source, target.configurations(), 12, new Random(3));
        List<Measurement> samples = plan.stream().map(c -> target.find(c).orElseThrow()).toList();
        Model model = s.fit(source, Learners.create("rt"), Metric.LATENCY, samples);
        double err = 0;
        for (Measurement t : target.measurements()) {
            err += Math.abs(model.predict(t.configuration()) / t.latency() - 1) / target.size();
        }
        assertTrue(err < 0.05, "MAPE " + err);
    }

    @Test
    void fitRejectsNoSamples() {
        Source source = new Source(TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE));
        assertThrows(IllegalArgumentException.class,
                () -> new StackedGpStrategy().fit(source, Learners.create("rt"), Metric.LATENCY, List.of()));
    }

    /** Mean absolute percentage error (as a fraction) of {@code model} on the target rows not sampled. */
    private static double heldOutMape(Model model, MeasurementSet target, List<Configuration> sampled, Metric m) {
        double err = 0;
        int n = 0;
        for (Measurement t : target.measurements()) {
            if (!sampled.contains(t.configuration())) {
                err += Math.abs(model.predict(t.configuration()) / t.value(m) - 1);
                n++;
            }
        }
        return err / n;
    }

    @Test
    void oneSourceGivenAsAListIsTheSingleSourceFit() {
        Source source = new Source(Datasets.read("inceptionv3_600x600"));
        MeasurementSet target = Datasets.read("xception_400x400");
        StackedGpStrategy s = new StackedGpStrategy();
        List<Configuration> plan = s.plan(source, target.configurations(), 19, new Random(2));
        List<Measurement> samples = plan.stream().map(c -> target.find(c).orElseThrow()).toList();
        for (Metric m : Metric.values()) {
            double[] single = s.fit(source, null, m, samples).predict(target.configurations());
            double[] listed = s.fit(List.of(source), null, m, samples).predict(target.configurations());
            org.junit.jupiter.api.Assertions.assertArrayEquals(single, listed, 0.0, m.key());
        }
    }

    @Test
    void twoSourcesAreAveragedByLeaveOneOutErrorAndBeatTheWorseSource() {
        Source inception = new Source(Datasets.read("inceptionv3_600x600"));
        Source xception = new Source(Datasets.read("xception_200x200"));
        MeasurementSet target = Datasets.read("xception_600x600");
        StackedGpStrategy s = new StackedGpStrategy();
        List<Configuration> plan = s.plan(inception, target.configurations(), 19, new Random(4));
        List<Measurement> samples = plan.stream().map(c -> target.find(c).orElseThrow()).toList();
        for (Metric m : Metric.values()) {
            Model both = s.fit(List.of(inception, xception), null, m, samples);
            SourceAverage.Fitted fitted = ((StackedGpTransfer.AveragedLogModel) both).fitted();
            assertEquals(3, fitted.models().size(), "one model per source plus the all-sources model");
            double[] w = fitted.weights();
            assertEquals(1.0, java.util.Arrays.stream(w).sum(), 1e-12);
            assertTrue(java.util.Arrays.stream(w).allMatch(x -> x > 0 && x < 1), java.util.Arrays.toString(w));
            double pooled = heldOutMape(both, target, plan, m);
            double fromInception = heldOutMape(s.fit(inception, null, m, samples), target, plan, m);
            double fromXception = heldOutMape(s.fit(xception, null, m, samples), target, plan, m);
            assertTrue(pooled < Math.max(fromInception, fromXception), m + ": pooled MAPE " + pooled
                    + ", single sources " + fromInception + " / " + fromXception);
        }
    }

    @Test
    void aSourceWithOtherOptionsIsRefusedByName() {
        Source source = new Source(TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE));
        var more = new org.tunerd.models.space.ConfigurationSpace(List.of(
                org.tunerd.models.space.Option.ordinal("cores", List.of(1.0, 4.0)),
                org.tunerd.models.space.Option.ordinal("cpu_freq", List.of(345600.0, 2035200.0)),
                org.tunerd.models.space.Option.ordinal("gpu_freq", List.of(140250000.0, 1300500000.0)),
                org.tunerd.models.space.Option.ordinal("emc_freq", List.of(40800000.0, 1866000000.0))));
        Source other = new Source(TransferTest.synthetic("c", 0.3, 0.5, more));
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.6, TransferTest.SPACE);
        List<Measurement> samples = target.measurements().subList(0, 10);
        var e = assertThrows(IllegalArgumentException.class, () -> new StackedGpStrategy()
                .fit(List.of(source, other), null, Metric.LATENCY, samples));
        assertTrue(e.getMessage().contains(other.data().environment().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("options"), e.getMessage());
    }

    @Test
    void strategiesThatDoNotCombineSourcesUseThePrimaryOne() {
        Source source = new Source(TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE));
        Source other = new Source(TransferTest.synthetic("c", 0.3, 0.5, TransferTest.SPACE));
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.6, TransferTest.SPACE);
        List<Measurement> samples = target.measurements().subList(0, 10);
        TransferStrategy lms = Strategies.create("LMS");
        assertTrue(!lms.combinesSources() && new StackedGpStrategy().combinesSources());
        var learner = Learners.create("rt");
        assertEquals(lms.fit(source, learner, Metric.LATENCY, samples).predict(target.configurations().get(3)),
                lms.fit(List.of(source, other), learner, Metric.LATENCY, samples).predict(target.configurations().get(3)),
                0.0);
    }
}
