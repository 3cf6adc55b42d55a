package org.tunerd.daemon.api;

import java.util.Objects;

/**
 * The tuner's answer to an action.
 *
 * @param outcome accepted, invalid or conflicting
 * @param message what happens now, or why the action was refused
 */
public record ActionResult(Outcome outcome, String message) {

    /** How an action ended; each maps to an HTTP status. */
    public enum Outcome {
        /** Taken on; the work happens asynchronously (202). */
        ACCEPTED(202),
        /** The request itself is wrong, e.g. a configuration the device does not offer (400). */
        INVALID(400),
        /** Not possible in the current state (409). */
        CONFLICT(409);

        private final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public ActionResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public static ActionResult accepted(String message) {
        return new ActionResult(Outcome.ACCEPTED, message);
    }

    public static ActionResult invalid(String message) {
        return new ActionResult(Outcome.INVALID, message);
    }

    public static ActionResult conflict(String message) {
        return new ActionResult(Outcome.CONFLICT, message);
    }
}
