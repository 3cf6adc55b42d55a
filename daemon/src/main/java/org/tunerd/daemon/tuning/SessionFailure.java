package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * A session failed; the device was rolled back to the configuration it had before the session.
 *
 * @param environment the environment tuned for
 * @param reason      what failed, for people
 */
public record SessionFailure(Environment environment, String reason) {

    public SessionFailure {
        Objects.requireNonNull(environment, "environment");
        reason = reason == null ? "unknown error" : reason;
    }
}
