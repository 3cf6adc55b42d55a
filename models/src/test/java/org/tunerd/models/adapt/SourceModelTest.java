package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/** The two views of one source: measured where measured, smoothed everywhere, one smoother. */
class SourceModelTest {

    /** The synthetic board with 5% lognormal noise on every measurement, and one configuration left out. */
    private static MeasurementSet noisy() {
        MeasurementSet clean = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        Random rng = new Random(3);
        List<Measurement> rows = new ArrayList<>();
        for (Measurement m : clean.measurements().subList(1, clean.size())) {
            double f = Math.exp(0.05 * rng.nextGaussian());
            rows.add(new Measurement(m.configuration(), m.latency() * f, m.energy() * f));
        }
        return clean.withMeasurements(rows);
    }

    @Test
    void theMeasuredViewAnswersMeasuredValuesTheSmoothedViewTheSmoothersBothTheSameElsewhere() {
        MeasurementSet source = noisy();
        SourceModel smoothed = new SourceModel(source);
        SourceModel measured = smoothed.measured();
        assertSame(smoothed, measured.smoothed(), "views of one source");
        assertSame(measured, measured.measured());
        assertTrue(smoothed.isSmoothed() && !measured.isSmoothed());
        Measurement row = source.get(5);
        for (Metric metric : Metric.values()) {
            double log = Math.log(row.value(metric));
            assertEquals(log, measured.logValue(metric, row.configuration()), 0.0);
            assertEquals(log, smoothed.rawLogValue(metric, row.configuration()), 0.0);
            assertNotEquals(log, smoothed.logValue(metric, row.configuration()), "noise is smoothed away");
            assertEquals(log, smoothed.logValue(metric, row.configuration()), 0.1);
        }
        Configuration unmeasured = TransferTest.SPACE.configurations().get(0);
        assertTrue(source.find(unmeasured).isEmpty());
        assertEquals(smoothed.logValue(Metric.LATENCY, unmeasured), measured.logValue(Metric.LATENCY, unmeasured), 0.0);
        assertEquals(smoothed.logValue(Metric.ENERGY, unmeasured), new SourceModel(source).logValue(Metric.ENERGY,
                unmeasured), 0.0, "the smoother is deterministic: the same from another model of the same data");
    }

    @Test
    void aSourceOfOneMeasurementAnswersItsMeasurementButCannotBeSmoothed() {
        MeasurementSet one = noisy().withMeasurements(List.of(noisy().get(0)));
        SourceModel model = new SourceModel(one, false);
        Configuration c = one.get(0).configuration();
        assertEquals(Math.log(one.get(0).latency()), model.logValue(Metric.LATENCY, c), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> model.smoothed().logValue(Metric.LATENCY, c));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }

    @Test
    void everyMetricTogetherIsEachMetricAloneBitForBitInBothViews() {
        MeasurementSet source = noisy();
        List<Configuration> all = TransferTest.SPACE.configurations(); // source rows and unmeasured ones
        for (SourceModel view : List.of(new SourceModel(source), new SourceModel(source, false))) {
            double[][] together = view.logValues(all);
            for (Metric metric : Metric.values()) {
                assertArrayEquals(view.logValues(metric, all), together[metric.ordinal()], 0.0, view + " " + metric);
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(view.logValue(metric, all.get(i)), together[metric.ordinal()][i], 0.0);
                }
            }
        }
        List<Measurement> latencyOnly = source.measurements().stream()
                .map(m -> new Measurement(m.configuration(), m.latency(), Double.NaN)).toList();
        SourceModel noEnergy = new SourceModel(source.withMeasurements(latencyOnly));
        double[][] together = noEnergy.logValues(all);
        assertNull(together[Metric.ENERGY.ordinal()], "a source without energy has no energy column");
        assertArrayEquals(noEnergy.logValues(Metric.LATENCY, all), together[Metric.LATENCY.ordinal()], 0.0);
    }
}
