package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tunerd.models.adapt.SyntheticBoards.board;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * A session's table of source values and its memo of trainings change the cost of a fit, never its result:
 * models fitted through them predict exactly (bit for bit) what models fitted without them predict.
 */
class SourceFeaturesTest {

    private static final ConfigurationSpace SPACE = SyntheticBoards.SPACE;

    private final List<SourceModel> sources = List.of(new SourceModel(board("a", 0.2, 0.7, 50, 1)),
            new SourceModel(board("c", 0.3, 0.5, 60, 2)), new SourceModel(board("d", 0.1, 0.8, 40, 3)));
    private final List<Measurement> samples = board("b", 0.5, 0.6, 12, 4).measurements();

    @Test
    void modelsFittedThroughTheTableAndTheMemoPredictWhatModelsFittedWithoutThemPredict() {
        StackedGpTransfer transfer = new StackedGpTransfer();
        SourceFeatures table = StackedGpTransfer.sourceFeatures(sources, SPACE.configurations());
        for (Metric metric : Metric.values()) {
            Model plain = transfer.fit(sources, metric, samples);
            Model tabled = transfer.fit(table, metric, samples);
            assertArrayEquals(plain.predict(SPACE.configurations()), tabled.predict(SPACE.configurations()), 0,
                    metric.key());
        }
    }

    @Test
    void theTableHoldsEachSourceModelsOwnValuesInBothViews() {
        SourceFeatures table = StackedGpTransfer.sourceFeatures(sources, SPACE.configurations());
        for (int s = 0; s < sources.size(); s++) {
            SourceFeatures measured = table.measuredView(s);
            SourceFeatures single = table.single(s);
            for (Configuration c : SPACE.configurations()) {
                for (Metric m : Metric.values()) {
                    double smoothed = sources.get(s).smoothed().logValue(m, c);
                    assertEquals(smoothed, table.logValue(s, m, c), 0);
                    assertEquals(smoothed, single.logValue(0, m, c), 0);
                    assertEquals(sources.get(s).measured().logValue(m, c), measured.logValue(0, m, c), 0);
                }
            }
        }
    }

    @Test
    void theOptimisersFeaturesFromTheTableEqualThoseFromTheSourceModel() {
        SourceFeatures table = StackedGpTransfer.sourceFeatures(sources, SPACE.configurations());
        TransferFeatures direct = TransferFeatures.of(sources.get(0).measured(), SPACE.configurations());
        TransferFeatures tabled = TransferFeatures.of(table.measuredView(0), SPACE.configurations(), List.of());
        for (int i = 0; i < direct.size(); i++) {
            assertArrayEquals(direct.stackRow(i), tabled.stackRow(i), 0);
            for (Metric m : Metric.values()) {
                assertEquals(direct.rawSourceLog(m, i), tabled.rawSourceLog(m, i), 0);
            }
        }
        assertArrayEquals(direct.influence(), tabled.influence(), 0);
    }

    /**
     * The per-source views of a fit's features (which share the candidates' and the range's encoding and the
     * range's table positions) equal features made for that source alone, with and without the table.
     */
    @Test
    void eachSourcesViewEqualsTheFeaturesOfThatSourceAlone() {
        SourceFeatures table = StackedGpTransfer.sourceFeatures(sources, SPACE.configurations());
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        List<Configuration> reference = sources.get(0).source().configurations();
        TransferFeatures tabled = TransferFeatures.of(table, configurations, reference);
        TransferFeatures plain = TransferFeatures.of(sources, configurations, reference);
        for (TransferFeatures f : List.of(tabled, plain)) {
            List<TransferFeatures> views = f.perSource();
            for (int s = 0; s < sources.size(); s++) {
                TransferFeatures alone = TransferFeatures.of(List.of(sources.get(s)), configurations, reference);
                TransferFeatures view = views.get(s);
                assertArrayEquals(alone.influence(), view.influence(), 0, "influence of source " + s);
                for (int i = 0; i < view.size(); i++) {
                    assertArrayEquals(alone.stackRow(i), view.stackRow(i), 0);
                    assertArrayEquals(alone.physical(i), view.physical(i), 0);
                }
                for (Configuration c : SPACE.configurations()) {
                    assertArrayEquals(alone.stackRow(c), view.stackRow(c), 0);
                    assertArrayEquals(alone.designRow(c), view.designRow(c), 0);
                    for (Metric m : Metric.values()) {
                        assertEquals(alone.sourceLog(m, c), view.sourceLog(m, c), 0);
                    }
                }
            }
            TransferFeatures all = TransferFeatures.of(sources, configurations, reference);
            assertArrayEquals(all.influence(), f.influence(), 0, "influence of the mean");
        }
    }

    @Test
    void aRememberedTrainingIsTheTrainingItself() {
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        TransferFeatures f = TransferFeatures.of(sources, configurations, sources.get(0).source().configurations());
        int[] train = new int[samples.size()];
        double[] y = new double[samples.size()];
        for (int k = 0; k < train.length; k++) {
            train[k] = k;
            y[k] = Math.log(samples.get(k).energy());
        }
        SourceAverage average = new SourceAverage("test", StackedGp.recommended(), true);
        SourceAverage.Fitted once = average.train(f, Metric.ENERGY, train, y);
        SourceAverage.Fitted remembered = TrainingMemo.within(() -> average.train(f, Metric.ENERGY, train, y));
        assertArrayEquals(once.weights(), remembered.weights(), 0);
        for (Configuration c : SPACE.configurations()) {
            assertEquals(once.predictLog(c), remembered.predictLog(c), 0);
        }
    }
}
