package org.tunerd.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When the tuner starts a new session besides explicit commands.
 *
 * @param onEnvironmentChange retune when the environment changes
 * @param interval            retune periodically; empty = never
 * @param driftThreshold      retune when a check measurement differs from the prediction by more than this
 *                            relative error (0.2 = 20%); empty = no drift checks
 * @param driftCheckInterval  how often to take a check measurement when a drift threshold is set
 */
public record RetuneSettings(boolean onEnvironmentChange, Optional<Duration> interval, OptionalDouble driftThreshold,
                             Duration driftCheckInterval) {

    public RetuneSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(driftThreshold, "driftThreshold");
        Objects.requireNonNull(driftCheckInterval, "driftCheckInterval");
    }
}
