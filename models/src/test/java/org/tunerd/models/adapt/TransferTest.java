package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.SyntheticEnvironments;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/** Transfer on synthetic environments with a known relation. */
class TransferTest {

    static final ConfigurationSpace SPACE = SyntheticEnvironments.SPACE;

    /** A synthetic board: latency falls with every frequency, energy is power times latency. */
    static MeasurementSet synthetic(String dnn, double work, double gpuShare, ConfigurationSpace space) {
        return SyntheticEnvironments.synthetic(dnn, work, gpuShare, space);
    }

    @Test
    void stackedGpLearnsATargetThatIsAWarpedSource() {
        MeasurementSet source = synthetic("a", 0.2, 0.7, SPACE);
        MeasurementSet target = synthetic("b", 0.5, 0.5, SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), SPACE, target.configurations());
        int[] train = Designs.maximin(f, 12, new int[0], new Random(1));
        for (Metric m : Metric.values()) {
            double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).value(m))).toArray();
            StackedGp.Fit fit = StackedGp.standard().fit(f, m, train, y);
            double err = 0;
            for (int i = 0; i < f.size(); i++) {
                err += Math.abs(Math.exp(fit.mean()[i]) / target.get(i).value(m) - 1) / f.size();
            }
            assertTrue(err < 0.05, m + " stacked-gp error " + err);
        }
    }

    @Test
    void sourceModelInterpolatesValuesTheSourceNeverMeasured() {
        MeasurementSet source = synthetic("a", 0.2, 0.7, SPACE);
        SourceModel model = new SourceModel(source);
        Configuration measured = SPACE.get(10);
        assertEquals(Math.log(source.get(10).latency()), model.rawLogValue(Metric.LATENCY, measured), 0);
        assertEquals(Math.log(source.get(10).latency()), model.logValue(Metric.LATENCY, measured), 0.01,
                "the smoothed value stays close on noise-free data");
        assertEquals(Math.log(source.get(10).latency()),
                new SourceModel(source, false).logValue(Metric.LATENCY, measured), 0);
        // a CPU frequency between two measured values and an extra option the source does not know
        Configuration unseen = Configuration.of("cores", 2, "cpu_freq", 1300000, "gpu_freq", 943500000, "extra", 1);
        ConfigurationSpace wide = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(2.0)),
                Option.ordinal("cpu_freq", List.of(1300000.0)), Option.ordinal("gpu_freq", List.of(943500000.0))));
        double truth = Math.log(synthetic("a", 0.2, 0.7, wide).get(0).latency());
        assertEquals(truth, model.logValue(Metric.LATENCY, unseen), 0.03);
        assertThrows(IllegalArgumentException.class,
                () -> model.logValue(Metric.LATENCY, Configuration.of("cores", 2, "cpu_freq", 1300000)));
    }

    @Test
    void physicalEncodingPlacesNewValuesOnTheSameScale() {
        PhysicalEncoding e = PhysicalEncoding.over(SPACE.options(), SPACE.configurations());
        double[] lo = e.encode(SPACE.get(0));
        assertEquals(0, lo[0], 1e-12);
        assertEquals(0, lo[1], 1e-12);
        double[] mid = e.encode(Configuration.of("cores", 2, "cpu_freq", Math.sqrt(345600.0 * 2035200.0),
                "gpu_freq", 1300500000.0 * 2));
        assertEquals(0.5, mid[0], 1e-12);
        assertEquals(0.5, mid[1], 1e-12);
        assertTrue(mid[2] > 1, "a frequency above the range encodes above 1");
    }

    @Test
    void designsAreDistinctAndSourceBestIsSorted() {
        MeasurementSet source = synthetic("a", 0.2, 0.7, SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), SPACE, source.configurations());
        int[] mm = Designs.maximin(f, 15, new int[] {3}, new Random(0));
        assertEquals(15, Arrays.stream(mm).distinct().count());
        assertEquals(3, mm[0]);
        int[] best = Designs.sourceBest(f, Metric.ENERGY, 4);
        for (int k = 1; k < best.length; k++) {
            assertTrue(f.sourceLog(Metric.ENERGY, best[k - 1]) <= f.sourceLog(Metric.ENERGY, best[k]));
        }
        assertEquals(source.best(Metric.ENERGY).configuration(), f.candidate(best[0]));
    }
}
