package org.tunerd.daemon.tuning;

/**
 * What the tuner is doing, in the order a session passes through the phases. {@link #IDLE} and
 * {@link #CHOOSING_SOURCES} are the coordinator's; a {@link TuningSession} reports the others.
 */
public enum SessionPhase {
    /** No session runs. */
    IDLE,
    /** A session was requested: its sources are being chosen from the store. */
    CHOOSING_SOURCES,
    /** Configurations are being applied and measured. */
    MEASURING,
    /** The latency and energy models are being fitted on the measurements. */
    FITTING,
    /** The chosen configuration is being applied. */
    APPLYING,
    /** The applied configuration is being measured to verify it. */
    VERIFYING
}
