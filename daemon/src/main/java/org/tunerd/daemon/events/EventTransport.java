package org.tunerd.daemon.events;

import java.util.List;

/**
 * Where journaled events are delivered, in order: Kafka in production, a fake in unit tests.
 * Called from one thread at a time.
 */
public interface EventTransport extends AutoCloseable {

    /**
     * Delivers the events in order and returns once all are acknowledged.
     *
     * @throws DeliveryException when one failed: how many leading events were acknowledged, and why
     */
    void send(List<TunerEvent> events, List<byte[]> encoded) throws DeliveryException, InterruptedException;

    /**
     * The longest event line this transport can deliver (Kafka: the producer's {@code max.request.size} less
     * room for the key, headers and record overhead); the publisher dead-letters longer ones.
     */
    default int maxEventBytes() {
        return Integer.MAX_VALUE;
    }

    /**
     * Why the {@link #send} in progress, if any, has not been acknowledged yet, once it has waited longer than a
     * working destination takes (e.g. "no acknowledgement from kafka ... for 12 s: no broker connection"); empty
     * when nothing is being sent or the wait is still ordinary. Called from any thread. Lets a short outage,
     * which the transport rides out without failing the send, show while it lasts.
     */
    default java.util.Optional<String> stalled() {
        return java.util.Optional.empty();
    }

    /** A short description for log lines, e.g. {@code kafka 127.0.0.1:9092 topic tunerd.events}. */
    String describe();

    @Override
    void close();
}
