package org.tunerd.daemon.events;

/** A delivery that failed after {@link #acknowledged()} leading events had been acknowledged. */
public class DeliveryException extends Exception {

    private final int acknowledged;

    public DeliveryException(int acknowledged, String message, Throwable cause) {
        super(message, cause);
        this.acknowledged = acknowledged;
    }

    /** How many events, counted from the first of the batch, were acknowledged. */
    public int acknowledged() {
        return acknowledged;
    }
}
