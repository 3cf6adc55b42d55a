package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/** Transfer on synthetic environments with a known relation, and on the shared TX2 data. */
class TransferTest {

    static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
            Option.ordinal("cpu_freq", List.of(345600.0, 729600.0, 1113600.0, 1497600.0, 2035200.0)),
            Option.ordinal("gpu_freq", List.of(140250000.0, 497250000.0, 943500000.0, 1300500000.0))));

    /** A synthetic board: latency falls with every frequency, energy is power times latency. */
    static MeasurementSet synthetic(String dnn, double work, double gpuShare, ConfigurationSpace space) {
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : space.configurations()) {
            double cpu = c.get("cpu_freq") / 2035200.0;
            double gpu = c.get("gpu_freq") / 1300500000.0;
            double lat = work * (gpuShare / gpu + (1 - gpuShare) / (cpu * Math.sqrt(c.get("cores"))));
            double power = 3 + 2 * gpu * gpu + cpu * c.get("cores");
            ms.add(new Measurement(c, lat, power * lat));
        }
        return new MeasurementSet(new Environment("SIM", dnn, 224, 224), space, ms);
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
            double shiftErr = 0;
            double[] shift = Predictors.logShift().predictLog(f, m, train, y);
            for (int i = 0; i < f.size(); i++) {
                shiftErr += Math.abs(Math.exp(shift[i]) / target.get(i).value(m) - 1) / f.size();
            }
            assertTrue(err < 0.05, m + " stacked-gp error " + err);
            assertTrue(err < shiftErr, m + ": stacked-gp " + err + " should beat the log shift " + shiftErr);
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
    void realDataStackedGpBeatsTheLogShift() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        MeasurementSet target = Datasets.read("xception_400x400");
        TransferFeatures f = new TransferFeatures(new SourceModel(source), target.space(), target.configurations());
        double stacked = 0;
        double shift = 0;
        for (int seed = 0; seed < 5; seed++) {
            int[] train = Designs.maximin(f, 19, new int[0], new Random(seed));
            double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
            double[] a = StackedGp.standard().fit(f, Metric.LATENCY, train, y).mean();
            double[] b = Predictors.logShift().predictLog(f, Metric.LATENCY, train, y);
            for (int i = 0; i < f.size(); i++) {
                stacked += Math.abs(Math.exp(a[i]) / target.get(i).latency() - 1);
                shift += Math.abs(Math.exp(b[i]) / target.get(i).latency() - 1);
            }
        }
        assertTrue(stacked < 0.8 * shift, "stacked " + stacked + " vs shift " + shift);
    }

    @Test
    void autoPredictorChoosesByLeaveOneOut() {
        MeasurementSet source = synthetic("a", 0.2, 0.7, SPACE);
        MeasurementSet target = synthetic("b", 0.4, 0.7, SPACE); // an exact multiple: the log shift is perfect
        TransferFeatures f = new TransferFeatures(new SourceModel(source, false), SPACE, target.configurations());
        int[] train = Designs.random(f, 10, new Random(2));
        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
        AutoPredictor auto = new AutoPredictor(List.of(
                Predictors.stacked("ridge-only-no-prior", new StackedGp(false, 1000, StackedGp.GpMode.NONE, 0.5, 0.1)),
                Predictors.logShift()));
        double[] pred = auto.predictLog(f, Metric.LATENCY, train, y);
        assertEquals("log-shift", auto.lastChoice());
        assertEquals(Math.log(target.get(5).latency()), pred[5], 1e-9);
        AutoPredictor hurried = new AutoPredictor(List.of(
                Predictors.stacked("ridge-only-no-prior", new StackedGp(false, 1000, StackedGp.GpMode.NONE, 0.5, 0.1)),
                Predictors.logShift()), java.time.Duration.ZERO);
        hurried.predictLog(f, Metric.LATENCY, train, y);
        assertEquals("ridge-only-no-prior", hurried.lastChoice(), "no time budget: only the first candidate is judged");
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
