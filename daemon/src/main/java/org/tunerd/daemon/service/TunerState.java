package org.tunerd.daemon.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.tuning.SessionPhase;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * What the coordinator is doing and last did, at one instant. Immutable; {@link TunerStatus} replaces it
 * as a whole, so readers (the HTTP views) never take a lock and never see half an update.
 *
 * @param phase     the phase of the session in progress, {@link SessionPhase#IDLE} between sessions
 * @param tuning    the environment the session in progress tunes for
 * @param progress  the session's checkpoint, once it started measuring
 * @param pinned    the configuration an operator pinned, while pinned
 * @param last      the last session that finished
 * @param lastTuned when it finished
 * @param lastError why the last session (or pin) failed, until one succeeds
 */
record TunerState(SessionPhase phase, Optional<Environment> tuning, Optional<SessionCheckpoint> progress,
                  Optional<Configuration> pinned, Optional<TuningOutcome> last, Optional<Instant> lastTuned,
                  Optional<String> lastError) {

    TunerState {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(pinned, "pinned");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(lastTuned, "lastTuned");
        Objects.requireNonNull(lastError, "lastError");
    }

    /** Nothing tuned yet. */
    static TunerState initial() {
        return new TunerState(SessionPhase.IDLE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A session for {@code environment} entered {@code next}. */
    TunerState inPhase(SessionPhase next, Environment environment) {
        return new TunerState(next, Optional.of(environment), next == SessionPhase.CHOOSING_SOURCES ? Optional.empty()
                : progress, pinned, last, lastTuned, lastError);
    }

    /** The session in progress saved this checkpoint. */
    TunerState withProgress(SessionCheckpoint checkpoint) {
        return new TunerState(phase, tuning, Optional.of(checkpoint), pinned, last, lastTuned, lastError);
    }

    /** No session runs. */
    TunerState idle() {
        return new TunerState(SessionPhase.IDLE, Optional.empty(), Optional.empty(), pinned, last, lastTuned,
                lastError);
    }

    /** A session finished with {@code outcome} at {@code at}; clears the last error. */
    TunerState succeeded(TuningOutcome outcome, Instant at) {
        return new TunerState(phase, tuning, progress, pinned, Optional.of(outcome), Optional.of(at), Optional.empty());
    }

    /** Something failed; the reason stays until a session succeeds. */
    TunerState failed(String error) {
        return new TunerState(phase, tuning, progress, pinned, last, lastTuned, Optional.of(error));
    }

    /** Pinned to {@code configuration}, or released when empty. */
    TunerState pinnedTo(Optional<Configuration> configuration) {
        return new TunerState(phase, tuning, progress, configuration, last, lastTuned, lastError);
    }
}
