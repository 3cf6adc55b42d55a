package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.tunerd.daemon.device.DeviceId;

/**
 * One event the daemon publishes: the envelope (CloudEvents attributes) and its data as JSON. The data
 * object is copied on the way in and on the way out, so an event never changes after it was made. The
 * daemon makes events from typed payloads ({@link #of}); {@link #payload()} reads the data back as one.
 *
 * @param id       unique id (the CloudEvents {@code id})
 * @param type     what happened (the CloudEvents {@code type}; its {@code dataschema} follows from it)
 * @param time     when it happened
 * @param deviceId the device that published it (CloudEvents source {@code urn:tunerd:<deviceId>}, Kafka key)
 * @param subject  the CloudEvents {@code subject}: the id of the environment the event is about, if any
 * @param data     the event's payload, a JSON object
 */
public record TunerEvent(UUID id, EventType type, Instant time, String deviceId, Optional<String> subject,
                         ObjectNode data) {

    public TunerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        DeviceId.require(deviceId);
        Objects.requireNonNull(subject, "subject");
        data = Objects.requireNonNull(data, "data").deepCopy();
    }

    /** An event without a subject, e.g. one relayed or made by a test. */
    public TunerEvent(UUID id, EventType type, Instant time, String deviceId, ObjectNode data) {
        this(id, type, time, deviceId, Optional.empty(), data);
    }

    /**
     * A new event (fresh id) carrying {@code payload}: its type, its subject and its JSON, as a reader of
     * the encoded event sees it (so an event equals itself decoded).
     */
    public static TunerEvent of(EventPayload payload, Instant time, String deviceId) {
        ObjectNode data;
        try {
            data = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(payload));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot write the data of a " + payload.type() + " event: "
                    + e.getMessage(), e);
        }
        return new TunerEvent(UUID.randomUUID(), payload.type(), time, deviceId, payload.subject(), data);
    }

    /** A copy of the payload. */
    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }

    /**
     * The data read as the record of its type.
     *
     * @throws EventFormatException naming the field that does not fit the type's schema
     */
    public EventPayload payload() throws EventFormatException {
        return payload(type.payload());
    }

    /**
     * The data read as {@code expected}, the record of the type this event must have.
     *
     * @throws EventFormatException if the event is of another type, or its data does not fit the schema
     */
    public <P extends EventPayload> P payload(Class<P> expected) throws EventFormatException {
        if (type.payload() != expected) {
            throw new EventFormatException("event " + id + " is a " + type + " event, expected "
                    + expected.getSimpleName());
        }
        try {
            return Json.MAPPER.treeToValue(data, expected);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(java.util.stream.Collectors.joining("."));
            throw new EventFormatException("data of " + type + " event " + id + " does not fit its schema "
                    + type.dataSchema() + (field.isEmpty() ? "" : " at " + field) + ": " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new EventFormatException("data of " + type + " event " + id + " does not fit its schema "
                    + type.dataSchema() + ": " + CloudEventJson.rootMessage(e), e);
        }
    }
}
