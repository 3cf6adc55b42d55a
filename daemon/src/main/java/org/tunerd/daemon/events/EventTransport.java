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

    /** A short description for log lines, e.g. {@code kafka 127.0.0.1:9092 topic tunerd.events}. */
    String describe();

    @Override
    void close();
}
