package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

class SourceSelectionTest {

    /** A source whose latency ranks configurations in an unrelated (shuffled) order. */
    private static MeasurementSet scrambled(MeasurementSet like) {
        List<Measurement> ms = new ArrayList<>(like.measurements());
        List<Double> lat = new ArrayList<>(ms.stream().map(Measurement::latency).toList());
        java.util.Collections.shuffle(lat, new Random(9));
        List<Measurement> out = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            out.add(new Measurement(ms.get(i).configuration(), lat.get(i), lat.get(i) * 4));
        }
        return new MeasurementSet(new Environment("SIM", "noise", 224, 224), like.space(), out);
    }

    @Test
    void picksTheSourceThatExplainsTheProbeMeasurements() {
        MeasurementSet related = TransferTest.synthetic("a", 0.2, 0.55, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.5, TransferTest.SPACE);
        MeasurementSet unrelated = scrambled(related);
        List<SourceModel> sources = List.of(new SourceModel(unrelated), new SourceModel(related));
        List<Configuration> candidates = target.configurations();
        for (int probe : new int[] {2, 6}) {
            int[] idx = Designs.random(new TransferFeatures(sources.get(1), TransferTest.SPACE, candidates), probe,
                    new Random(probe));
            List<Measurement> samples = Arrays.stream(idx).mapToObj(target::get).toList();
            List<SourceSelection.Score> ranked = new SourceSelection(StackedGp.standard()).rank(sources, candidates,
                    samples);
            assertEquals(related, ranked.get(0).source().source(), "probe " + probe);
            assertTrue(ranked.get(0).error() < ranked.get(1).error());
        }
    }

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

    @Test
    void needsSourcesAndSamples() {
        SourceSelection s = new SourceSelection(StackedGp.standard());
        MeasurementSet src = TransferTest.synthetic("a", 0.2, 0.55, TransferTest.SPACE);
        assertThrows(IllegalArgumentException.class, () -> s.rank(List.of(), src.configurations(), src.measurements()));
        assertThrows(IllegalArgumentException.class,
                () -> s.rank(List.of(new SourceModel(src)), src.configurations(), List.of()));
    }
}
