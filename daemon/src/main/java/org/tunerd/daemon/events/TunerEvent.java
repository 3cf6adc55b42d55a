package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.tunerd.daemon.device.DeviceId;

/**
 * One event the daemon publishes. The data object is copied on the way in and on the way out, so an
 * event never changes after it was made.
 *
 * @param id       unique id (the CloudEvents {@code id})
 * @param type     what happened
 * @param time     when it happened
 * @param deviceId the device that published it (CloudEvents source {@code urn:tunerd:<deviceId>}, Kafka key)
 * @param data     the event's payload, a JSON object
 */
public record TunerEvent(UUID id, EventType type, Instant time, String deviceId, ObjectNode data) {

    public TunerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        DeviceId.require(deviceId);
        data = Objects.requireNonNull(data, "data").deepCopy();
    }

    /** A copy of the payload. */
    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }
}
