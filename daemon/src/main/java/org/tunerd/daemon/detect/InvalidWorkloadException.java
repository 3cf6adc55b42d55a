package org.tunerd.daemon.detect;

/** A workload announcement that cannot be accepted; names the field (or {@code ""} for the whole document). */
public final class InvalidWorkloadException extends IllegalArgumentException {

    private final String field;
    private final String reason;

    public InvalidWorkloadException(String origin, String field, String reason) {
        super(origin + ": " + (field.isEmpty() ? "" : "field '" + field + "' ") + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
