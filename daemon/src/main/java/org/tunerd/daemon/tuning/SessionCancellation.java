package org.tunerd.daemon.tuning;

import java.util.Objects;
import org.tunerd.models.space.Environment;

/**
 * A session was cancelled (by a newer change, a pin, a command or the daemon stopping); the device was
 * rolled back to the configuration it had before the session.
 *
 * @param environment the environment tuned for
 * @param reason      who cancelled it and why
 */
public record SessionCancellation(Environment environment, String reason) {

    public SessionCancellation {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(reason, "reason");
    }
}
