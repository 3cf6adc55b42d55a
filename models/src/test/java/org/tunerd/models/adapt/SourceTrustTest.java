package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/** The source's weight is learned from the target samples: a misleading source degrades to a from-scratch model. */
class SourceTrustTest {

    /** A target whose latency rises where the synthetic source's falls: a misleading source. */
    private static MeasurementSet contrary(MeasurementSet like) {
        List<Measurement> rows = new ArrayList<>();
        for (Measurement m : like.measurements()) {
            Configuration c = m.configuration();
            // a bump in the middle of the GPU and CPU ranges, where the source falls steadily with both
            double g = Math.log(c.get("gpu_freq") / 5e8);
            double p = Math.log(c.get("cpu_freq") / 1.1e6);
            double lat = 0.1 * Math.exp(1.5 * Math.exp(-2 * (g * g + p * p)));
            rows.add(new Measurement(c, lat, lat * 5));
        }
        return like.withMeasurements(rows);
    }

    private static double mape(StackedGp.Fitted fit, TransferFeatures f, MeasurementSet target) {
        double e = 0;
        for (int i = 0; i < f.size(); i++) {
            e += Math.abs(Math.exp(fit.predictLog(i).mean()) / target.get(i).latency() - 1) / f.size();
        }
        return e;
    }

    @Test
    void aMisleadingSourceLosesItsWeightAndTheModelIsNoWorseThanOneWithoutTheSource() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = contrary(TransferTest.synthetic("b", 0.2, 0.7, TransferTest.SPACE));
        TransferFeatures f = new TransferFeatures(new SourceModel(source), TransferTest.SPACE, target.configurations());
        int[] train = Designs.random(f, 8, new Random(5));
        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
        StackedGp.Fitted learned = StackedGp.standard().withTrust(StackedGp.Trust.LEARNED).train(f, Metric.LATENCY, train, y);
        StackedGp.Fitted full = StackedGp.standard().train(f, Metric.LATENCY, train, y);
        StackedGp.Fitted again = StackedGp.standard().withTrust(StackedGp.Trust.LEARNED).train(f, Metric.LATENCY,
                train, y);
        assertTrue(learned.sourceWeight() < 0.5, "weight " + learned.sourceWeight());
        double scratchError = 0;
        ScratchGp s = ScratchGp.fit(f, train, y, GaussianProcess.Kernel.RBF, 0.5, 0.1);
        for (int i = 0; i < f.size(); i++) {
            scratchError += Math.abs(Math.exp(s.predictLog(i).mean()) / target.get(i).latency() - 1) / f.size();
        }
        double learnedError = mape(learned, f, target);
        assertTrue(learnedError <= Math.max(scratchError, mape(full, f, target)), "learned " + learnedError
                + ", from scratch " + scratchError + ", full trust " + mape(full, f, target));
        assertTrue(learnedError < mape(full, f, target), "the misleading source is worse trusted fully");
        assertEquals(learned.sourceWeight(), again.sourceWeight(), 0.0, "deterministic");
    }

    @Test
    void aGoodSourceKeepsItsFullWeight() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.5, TransferTest.SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), TransferTest.SPACE, target.configurations());
        int[] train = Designs.random(f, 12, new Random(4));
        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
        StackedGp.Fitted learned = StackedGp.standard().withTrust(StackedGp.Trust.LEARNED).train(f, Metric.LATENCY, train, y);
        assertEquals(1.0, learned.sourceWeight(), 0.0);
    }

    @Test
    void theWeightFavoursWhicheverModelPredictsTheHeldOutSamplesBetter() {
        double[] y = {1, 2, 3, 4};
        assertEquals(1.0, SourceTrust.weight(y, y, new double[] {0, 0, 0, 0}), 0.0);
        double w = SourceTrust.weight(y, new double[] {3, 4, 5, 6}, new double[] {1.5, 2.5, 3.5, 4.5});
        assertEquals(0.0588, w, 1e-3, "errors 2 and 0.5: weight (1/4) / (1/4 + 4)");
    }
}
