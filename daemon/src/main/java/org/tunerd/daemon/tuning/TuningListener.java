package org.tunerd.daemon.tuning;

import java.util.List;
import java.util.Optional;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * Observes the steps of a tuning session. The daemon turns them into Kafka events; {@code tunerd
 * simulate} prints them for people. Called on the tuning thread; implementations must not block long.
 */
public interface TuningListener {

    /**
     * The session starts measuring, transferring from {@code source} (and, for the fitted models, from
     * {@code extraSources} too, nearest first), with at most {@code budget}
     * measurements: the {@code plan} (minus what a resumed session measured already), or, when the plan is
     * empty, configurations chosen one at a time by the sequential optimiser.
     */
    default void started(Environment environment, Optional<Environment> source, List<Environment> extraSources,
                         String strategy, int budget, List<Configuration> plan, boolean resumed) {
    }

    /** One sample was measured ({@code index} counts from 1). */
    default void sampleMeasured(Environment environment, int index, int planned, Measurement measurement) {
    }

    /** The target models were fitted; accuracy is the cross-validated MAPE on the samples, in %. */
    default void modelFitted(Environment environment, ModelQuality quality) {
    }

    /** The device was put into the chosen configuration. */
    default void reconfigured(Environment environment, Configuration configuration, Performance predicted) {
    }

    /** The whole session finished. */
    default void finished(TuningOutcome outcome) {
    }

    /** The session failed; the device was rolled back to the configuration before the session. */
    default void failed(Environment environment, String reason) {
    }

    /** The session was cancelled by a newer change or a command. */
    default void cancelled(Environment environment, String reason) {
    }
}
