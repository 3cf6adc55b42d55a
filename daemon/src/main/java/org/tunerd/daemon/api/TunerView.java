package org.tunerd.daemon.api;

import java.util.List;
import java.util.Optional;
import org.tunerd.daemon.config.TunerConfig;

/**
 * What the HTTP API reads from the tuner. The API calls these on a worker thread
 * ({@code executeBlocking}), so they may block briefly, but should return snapshots, not wait for
 * sessions.
 */
public interface TunerView {

    StatusSnapshot status();

    /** The configuration in force (the API hides secrets). */
    TunerConfig config();

    /** The model for the current environment, once one is fitted. */
    Optional<ModelSnapshot> model();

    /** Predictions for every allowed configuration of the current environment; empty before a model exists. */
    List<Prediction> predictions();

    /** The latency/energy Pareto front of the predictions, by ascending latency; empty before a model exists. */
    List<Prediction> pareto();

    HealthReport health();
}
