package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.MeasurementSet;

/** {@link TransferFeatures} seen from several sources. */
class MultiSourceFeaturesTest {

    @Test
    void stackingSeveralSourcesKeepsOneColumnPairPerSourceAndTheirMeanAsPrior() {
        MeasurementSet a = TransferTest.synthetic("a", 0.2, 0.55, TransferTest.SPACE);
        MeasurementSet b = TransferTest.synthetic("b", 0.3, 0.4, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("t", 0.5, 0.5, TransferTest.SPACE);
        SourceModel sa = new SourceModel(a, false);
        SourceModel sb = new SourceModel(b, false);
        TransferFeatures f = new TransferFeatures(List.of(sa, sb), TransferTest.SPACE, target.configurations());
        TransferFeatures single = new TransferFeatures(sa, TransferTest.SPACE, target.configurations());
        assertEquals(single.stackRow(0).length + 2, f.stackRow(0).length);
        assertEquals((Math.log(a.get(7).energy()) + Math.log(b.get(7).energy())) / 2,
                f.sourceLog(org.tunerd.models.data.Metric.ENERGY, 7), 1e-12);
        int[] train = Designs.maximin(f, 12, new int[0], new Random(1));
        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
        double[] pred = StackedGp.standard().fit(f, org.tunerd.models.data.Metric.LATENCY, train, y).mean();
        double err = 0;
        for (int i = 0; i < f.size(); i++) {
            err += Math.abs(Math.exp(pred[i]) / target.get(i).latency() - 1) / f.size();
        }
        assertTrue(err < 0.05, "MAPE " + err);
    }
}
