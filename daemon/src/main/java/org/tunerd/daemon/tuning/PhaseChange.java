package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * A session for {@code environment} entered {@code phase}.
 *
 * @param environment the environment the session tunes for
 * @param phase       the phase it entered
 */
public record PhaseChange(Environment environment, SessionPhase phase) {

    public PhaseChange {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(phase, "phase");
    }
}
