package org.tunerd.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.SyntheticEnvironments;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

class LeaveOneOutSourceRankingTest {

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
        MeasurementSet related = SyntheticEnvironments.synthetic("a", 0.2, 0.55, SyntheticEnvironments.SPACE);
        MeasurementSet target = SyntheticEnvironments.synthetic("b", 0.5, 0.5, SyntheticEnvironments.SPACE);
        MeasurementSet unrelated = scrambled(related);
        List<SourceModel> sources = List.of(new SourceModel(unrelated), new SourceModel(related));
        List<Configuration> candidates = target.configurations();
        for (int probe : new int[] {2, 6}) {
            int[] idx = Designs.random(new TransferFeatures(sources.get(1), SyntheticEnvironments.SPACE, candidates), probe,
                    new Random(probe));
            List<Measurement> samples = Arrays.stream(idx).mapToObj(target::get).toList();
            List<LeaveOneOutSourceRanking.Score> ranked = new LeaveOneOutSourceRanking(StackedGp.standard()).rank(sources, candidates,
                    samples);
            assertEquals(related, ranked.get(0).source().source(), "probe " + probe);
            assertTrue(ranked.get(0).error() < ranked.get(1).error());
        }
    }

    @Test
    void needsSourcesAndSamples() {
        LeaveOneOutSourceRanking s = new LeaveOneOutSourceRanking(StackedGp.standard());
        MeasurementSet src = SyntheticEnvironments.synthetic("a", 0.2, 0.55, SyntheticEnvironments.SPACE);
        assertThrows(IllegalArgumentException.class, () -> s.rank(List.of(), src.configurations(), src.measurements()));
        assertThrows(IllegalArgumentException.class,
                () -> s.rank(List.of(new SourceModel(src)), src.configurations(), List.of()));
    }
}
