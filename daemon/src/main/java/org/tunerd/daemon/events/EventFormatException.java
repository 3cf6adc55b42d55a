package org.tunerd.daemon.events;

/** Bytes that are not a tunerd CloudEvent; the message says what is wrong. */
public class EventFormatException extends Exception {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
