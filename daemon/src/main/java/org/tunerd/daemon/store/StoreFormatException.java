package org.tunerd.daemon.store;

/** A stored JSON document that cannot be read; the message names the field and the bad value. */
public class StoreFormatException extends RuntimeException {

    public StoreFormatException(String message) {
        super(message);
    }

    public StoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
