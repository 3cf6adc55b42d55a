package org.tunerd.daemon.events;

/** A delivery that failed after {@link #acknowledged()} leading events had been acknowledged. */
public class DeliveryException extends Exception {

    private final int acknowledged;
    private final boolean tooLarge;

    public DeliveryException(int acknowledged, String message, Throwable cause) {
        this(acknowledged, false, message, cause);
    }

    /**
     * @param tooLarge the event after the acknowledged ones was refused for its size: retrying cannot deliver it
     */
    public DeliveryException(int acknowledged, boolean tooLarge, String message, Throwable cause) {
        super(message, cause);
        this.acknowledged = acknowledged;
        this.tooLarge = tooLarge;
    }

    /**
     * True if the event at index {@link #acknowledged()} was refused as too large (Kafka's
     * {@code RecordTooLargeException}): it will never be delivered, and the events after it should not wait for it.
     */
    public boolean tooLarge() {
        return tooLarge;
    }

    /** How many events, counted from the first of the batch, were acknowledged. */
    public int acknowledged() {
        return acknowledged;
    }
}
