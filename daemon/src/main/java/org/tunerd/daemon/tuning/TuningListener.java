package org.tunerd.daemon.tuning;

/**
 * Observes the steps of a tuning session. The daemon turns them into events, checkpoints and its status;
 * {@code tunerd simulate} prints them for people. Called on the tuning thread, in the order of the steps;
 * implementations must not block long. Every method has a no-op default.
 */
public interface TuningListener {

    /** The session entered a phase ({@link SessionPhase#MEASURING} first). */
    default void phaseChanged(PhaseChange change) {
    }

    /** The session starts measuring. */
    default void started(SessionStart start) {
    }

    /** One sample was measured. */
    default void sampleMeasured(SampleTaken sample) {
    }

    /** The target models were fitted. */
    default void modelsFitted(ModelsFitted fitted) {
    }

    /** The device was put into the chosen configuration. */
    default void reconfigured(Reconfiguration reconfiguration) {
    }

    /** The whole session finished. */
    default void finished(TuningOutcome outcome) {
    }

    /** The session failed; the device was rolled back. */
    default void failed(SessionFailure failure) {
    }

    /** The session was cancelled; the device was rolled back. */
    default void cancelled(SessionCancellation cancellation) {
    }
}
