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
}
