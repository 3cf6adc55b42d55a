package org.tunerd.models.adaptation;

import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;

/**
 * How a run chooses its measurements and, once its models are fitted, the configuration to recommend: all
 * planned up front ({@link PlannedChoice}) or one at a time by an optimiser ({@link SequentialChoice}).
 */
interface MeasurementChoice {

    /** The configurations planned up front; empty when they are chosen one at a time. */
    List<Configuration> plan();

    /** The most measurements this choice takes, the resumed ones included where they count. */
    int planned();

    /** True when no further measurement is wanted. */
    boolean done();

    /** The configuration to measure next (the same until it is observed); only while not {@link #done()}. */
    Configuration next();

    /** Records the measurement of the configuration {@link #next()} named. */
    void observe(Measurement measurement);

    /** Every measurement the models are fitted on, in order: the resumed ones it uses, then the new ones. */
    List<Measurement> measurements();

    /**
     * The configuration to apply, given the models' predictions for every candidate.
     *
     * @param latency predicted latency per candidate
     * @param energy  predicted energy per candidate (NaN without an energy model)
     */
    Recommendation recommend(Objective objective, List<Configuration> candidates, double[] latency, double[] energy);
}
