package org.tunerd.study.predictors;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.SyntheticEnvironments;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

/** The stacked GP against the study's baseline, the log shift of the source. */
class PredictorsTest {

    @Test
    void stackedGpBeatsTheLogShiftOnAWarpedSource() {
        MeasurementSet source = SyntheticEnvironments.synthetic("a", 0.2, 0.7, SyntheticEnvironments.SPACE);
        MeasurementSet target = SyntheticEnvironments.synthetic("b", 0.5, 0.5, SyntheticEnvironments.SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), SyntheticEnvironments.SPACE,
                target.configurations());
        int[] train = Designs.maximin(f, 12, new int[0], new Random(1));
        for (Metric m : Metric.values()) {
            double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).value(m))).toArray();
            double stacked = error(Predictors.stacked("stacked-gp", StackedGp.standard()).predictLog(f, m, train, y),
                    target, m);
            double shift = error(Predictors.logShift().predictLog(f, m, train, y), target, m);
            assertTrue(stacked < shift, m + ": stacked-gp " + stacked + " should beat the log shift " + shift);
        }
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
            stacked += error(StackedGp.standard().fit(f, Metric.LATENCY, train, y).mean(), target, Metric.LATENCY);
            shift += error(Predictors.logShift().predictLog(f, Metric.LATENCY, train, y), target, Metric.LATENCY);
        }
        assertTrue(stacked < 0.8 * shift, "stacked " + stacked + " vs shift " + shift);
    }

    /** Mean relative error of predicted log values over every row of the target. */
    private static double error(double[] logPredicted, MeasurementSet target, Metric m) {
        double e = 0;
        for (int i = 0; i < logPredicted.length; i++) {
            e += Math.abs(Math.exp(logPredicted[i]) / target.get(i).value(m) - 1) / logPredicted.length;
        }
        return e;
    }
}
