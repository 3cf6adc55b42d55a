package org.tunerd.daemon.api;

import org.tunerd.daemon.detect.WorkloadAnnouncement;

/**
 * What the HTTP API (and the Kafka command consumer) may ask the tuner to do. Implementations should
 * queue the work and return; the API calls them on a worker thread.
 */
public interface TunerActions {

    /** Starts a new tuning session for the current environment. */
    ActionResult retune(String reason);

    /** The board now runs this workload: an environment change if it differs from the current one. */
    ActionResult announce(WorkloadAnnouncement workload);

    /**
     * Holds the board at the configuration asked for until released; INVALID, naming the option and value, if
     * the device does not offer it (e.g. a label its categorical option does not have).
     */
    ActionResult pin(PinRequest request);

    /** Releases a pin; the tuner returns to the policy's optimum. */
    ActionResult release();
}
