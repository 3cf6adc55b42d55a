package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Accuracy;
import org.tunerd.models.learn.ValidatedModel;
import org.tunerd.models.space.Configuration;

/**
 * {@link StackedGpTransfer#fitValidated}: the model is the one {@code fit} makes, and its leave-one-out MAPE is
 * the one a fresh refit without each sample gives, with the full fit's choices kept.
 */
class ValidatedFitTest {

    private static final MeasurementSet TARGET = TransferTest.synthetic("t", 0.45, 0.55, TransferTest.SPACE);

    private static List<Measurement> samples(int n, long seed) {
        List<Measurement> rows = new ArrayList<>(TARGET.measurements());
        Collections.shuffle(rows, new Random(seed));
        return List.copyOf(rows.subList(0, n));
    }

    private static List<SourceModel> sources(int k) {
        List<SourceModel> out = new ArrayList<>();
        out.add(new SourceModel(TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE)));
        out.add(new SourceModel(TransferTest.synthetic("b", 0.6, 0.3, TransferTest.SPACE)));
        out.add(new SourceModel(TransferTest.synthetic("c", 0.35, 0.5, TransferTest.SPACE)));
        return out.subList(0, k);
    }

    /** The first {@code k} sources' values over the target's configurations. */
    private static SourceFeatures table(int k) {
        return StackedGpTransfer.sourceFeatures(sources(k), TARGET.configurations());
    }

    @Test
    void severalSourcesKeepTheFullFitsWeightsAndRefitEachSourceModelWithoutTheSample() {
        SourceFeatures table = table(3);
        List<Measurement> samples = samples(12, 4);
        StackedGp model = StackedGp.recommended();
        StackedGpTransfer transfer = new StackedGpTransfer(model);
        for (Metric metric : Metric.values()) {
            ValidatedModel v = transfer.fitValidated(table, metric, samples);

            // the same computation by hand, every model fitted afresh (no memo)
            List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
            TransferFeatures f = TransferFeatures.of(table, configurations,
                    table.sources().get(0).smoothed().source().configurations());
            int[] train = new int[samples.size()];
            double[] logY = new double[samples.size()];
            for (int k = 0; k < train.length; k++) {
                train[k] = k;
                logY[k] = Math.log(samples.get(k).value(metric));
            }
            SourceAverage average = new SourceAverage("test", model, true);
            double[] weights = average.train(f, metric, train, logY).weights();
            List<TransferFeatures> parts = new ArrayList<>(f.perSource());
            parts.add(f);
            assertEquals(parts.size(), weights.length);
            double[] truth = new double[train.length];
            double[] predicted = new double[train.length];
            for (int k = 0; k < train.length; k++) {
                int[] t = new int[train.length - 1];
                double[] y = new double[train.length - 1];
                for (int j = 0, q = 0; j < train.length; j++) {
                    if (j != k) {
                        t[q] = train[j];
                        y[q++] = logY[j];
                    }
                }
                double log = 0;
                for (int s = 0; s < parts.size(); s++) {
                    log += weights[s] * model.train(parts.get(s), metric, t, y).predictLog(k).mean();
                }
                truth[k] = samples.get(k).value(metric);
                predicted[k] = Math.exp(log);
            }
            assertEquals(Accuracy.mape(truth, predicted), v.cvMape(), 1e-9, metric.key());
            assertTrue(v.cvMape() > 0, metric.key() + " " + v.cvMape());
            // and the model is the fit's
            var plain = transfer.fit(table, metric, samples);
            for (Configuration c : TARGET.configurations().subList(0, 20)) {
                assertEquals(plain.predict(c), v.model().predict(c), 0.0, c.toString());
            }
        }
    }

    @Test
    void oneSourceWithAFixedScalingIsThePlainLeaveOneOut() {
        SourceFeatures table = table(1);
        List<Measurement> samples = samples(10, 7);
        StackedGp model = StackedGp.standard();
        ValidatedModel v = new StackedGpTransfer(model).fitValidated(table, Metric.LATENCY, samples);
        double[] truth = new double[samples.size()];
        double[] predicted = new double[samples.size()];
        for (int k = 0; k < samples.size(); k++) {
            List<Measurement> others = new ArrayList<>(samples);
            others.remove(k);
            truth[k] = samples.get(k).latency();
            predicted[k] = new StackedGpTransfer(model).fit(table, Metric.LATENCY, others)
                    .predict(samples.get(k).configuration());
        }
        assertEquals(Accuracy.mape(truth, predicted), v.cvMape(), 1e-9);
    }

    @Test
    void oneSourceWithTheChosenScalingIsTheLeaveOneOutOfOneOfTheTwoScalings() {
        SourceFeatures table = table(1);
        List<Measurement> samples = samples(12, 11);
        double mape = new StackedGpTransfer().fitValidated(table, Metric.ENERGY, samples).cvMape();
        double none = new StackedGpTransfer(StackedGp.recommended().withScaling(StackedGp.Scaling.NONE))
                .fitValidated(table, Metric.ENERGY, samples).cvMape();
        double influence = new StackedGpTransfer(StackedGp.recommended().withScaling(StackedGp.Scaling.INFLUENCE))
                .fitValidated(table, Metric.ENERGY, samples).cvMape();
        assertNotEquals(none, influence);
        assertTrue(Math.abs(mape - none) < 1e-9 || Math.abs(mape - influence) < 1e-9,
                mape + " is neither " + none + " nor " + influence);
    }

    @Test
    void fewerThanFourSamplesHaveAModelButNoEstimate() {
        SourceFeatures table = table(2);
        ValidatedModel v = new StackedGpTransfer().fitValidated(table, Metric.LATENCY, samples(3, 1));
        assertTrue(Double.isNaN(v.cvMape()));
        assertTrue(v.model().predict(TARGET.configurations().get(0)) > 0);
    }
}
