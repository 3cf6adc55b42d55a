package org.tunerd.study.predictors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.SyntheticEnvironments;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

class AutoPredictorTest {

    private final MeasurementSet source = SyntheticEnvironments.synthetic("a", 0.2, 0.7, SyntheticEnvironments.SPACE);
    /** An exact multiple of the source: the log shift is perfect, the no-prior ridge is not. */
    private final MeasurementSet target = SyntheticEnvironments.synthetic("b", 0.4, 0.7, SyntheticEnvironments.SPACE);
    private final TransferFeatures f = new TransferFeatures(new SourceModel(source, false), SyntheticEnvironments.SPACE,
            target.configurations());
    private final int[] train = Designs.random(f, 10, new Random(2));
    private final double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();

    private static AutoPredictor ridgeThenShift(int fitBudget) {
        return new AutoPredictor(List.of(
                Predictors.stacked("ridge-only-no-prior", new StackedGp(false, 1000, StackedGp.GpMode.NONE, 0.5, 0.1)),
                Predictors.logShift()), fitBudget);
    }

    @Test
    void choosesByLeaveOneOut() {
        AutoPredictor auto = new AutoPredictor(List.of(
                Predictors.stacked("ridge-only-no-prior", new StackedGp(false, 1000, StackedGp.GpMode.NONE, 0.5, 0.1)),
                Predictors.logShift()));
        double[] pred = auto.predictLog(f, Metric.LATENCY, train, y);
        assertEquals("log-shift", auto.lastChoice());
        assertEquals(Math.log(target.get(5).latency()), pred[5], 1e-9);
    }

    @Test
    void theFitBudgetCountsLeaveOneOutFitsSoTheChoiceIsTheSameOnEveryMachine() {
        // 10 samples: judging one candidate costs 10 fits
        AutoPredictor none = ridgeThenShift(0);
        none.predictLog(f, Metric.LATENCY, train, y);
        assertEquals("ridge-only-no-prior", none.lastChoice(), "no budget: only the first candidate is judged");
        AutoPredictor one = ridgeThenShift(19);
        one.predictLog(f, Metric.LATENCY, train, y);
        assertEquals("ridge-only-no-prior", one.lastChoice(), "19 fits do not pay for judging the second");
        AutoPredictor both = ridgeThenShift(20);
        for (int run = 0; run < 3; run++) {
            both.predictLog(f, Metric.LATENCY, train, y);
            assertEquals("log-shift", both.lastChoice(), "run " + run);
        }
    }

    @Test
    void needsCandidatesAndANonNegativeBudget() {
        assertThrows(IllegalArgumentException.class, () -> new AutoPredictor(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ridgeThenShift(-1));
    }
}
