package org.tunerd.daemon.tuning;

/** A session stopped on request; not a failure. */
public final class TuningCancelledException extends RuntimeException {

    public TuningCancelledException(String reason) {
        super(reason);
    }
}
