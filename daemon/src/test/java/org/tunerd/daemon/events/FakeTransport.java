package org.tunerd.daemon.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transport for the publisher's tests: acknowledges when up, acknowledges nothing when down, and refuses an
 * event whose data has {@code "tooLarge": true} as Kafka refuses a record over its size limit. Records what it
 * acknowledged, in order.
 */
class FakeTransport implements EventTransport {

    final AtomicBoolean up = new AtomicBoolean(true);
    final List<TunerEvent> acknowledged = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void send(List<TunerEvent> events, List<byte[]> encoded) throws DeliveryException {
        if (!up.get()) {
            throw new DeliveryException(0, "broker down", null);
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data().path("tooLarge").asBoolean()) {
                throw new DeliveryException(i, true, "RecordTooLargeException: the request included a message "
                        + "larger than the max message size the server will accept", null);
            }
            acknowledged.add(events.get(i));
        }
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
    }

    /** The types of the acknowledged events, in order. */
    List<EventType> types() {
        synchronized (acknowledged) {
            return acknowledged.stream().map(TunerEvent::type).toList();
        }
    }
}
