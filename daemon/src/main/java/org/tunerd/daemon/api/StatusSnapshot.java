package org.tunerd.daemon.api;

import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.SessionPhase;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * What the daemon is doing, at one instant.
 *
 * @param deviceId      this device's id
 * @param phase         what the tuner is doing: {@link SessionPhase#IDLE} between sessions, else the phase of
 *                      the session in progress (choosing sources, measuring, fitting, applying, verifying)
 * @param environment   the current environment, once known
 * @param configuration the configuration the board is in
 * @param pinned        true while an operator's pin holds the configuration
 * @param predicted     the model's prediction for the current configuration
 * @param measured      the last measurement of the current configuration
 * @param session       the session in progress, if any
 * @param lastTuned     when the last session finished
 * @param lastError     the last failure, if the last session failed
 * @param at            when the snapshot was taken
 * @param softwareOptions the software options of {@code configuration} in their types
 *                      ({@link org.tunerd.models.space.SoftwareValues}); empty without any
 */
public record StatusSnapshot(String deviceId, SessionPhase phase, Optional<Environment> environment,
                             Optional<Configuration> configuration, boolean pinned, Optional<Performance> predicted,
                             Optional<Performance> measured, Optional<SessionProgress> session,
                             Optional<Instant> lastTuned, Optional<String> lastError, Instant at,
                             java.util.Map<String, Object> softwareOptions) {

    /** A snapshot whose configuration has no software options. */
    public StatusSnapshot(String deviceId, SessionPhase phase, Optional<Environment> environment,
                          Optional<Configuration> configuration, boolean pinned, Optional<Performance> predicted,
                          Optional<Performance> measured, Optional<SessionProgress> session,
                          Optional<Instant> lastTuned, Optional<String> lastError, Instant at) {
        this(deviceId, phase, environment, configuration, pinned, predicted, measured, session, lastTuned, lastError,
                at, java.util.Map.of());
    }

    public StatusSnapshot {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(lastTuned, "lastTuned");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(at, "at");
        softwareOptions = org.tunerd.models.space.SoftwareValues.normalized(softwareOptions);
    }
}
