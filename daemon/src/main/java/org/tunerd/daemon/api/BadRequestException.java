package org.tunerd.daemon.api;

/** A request body the API cannot use; answered with 400 naming the field. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The offending field, or {@code (body)} for the body as a whole. */
    public String field() {
        return field;
    }
}
