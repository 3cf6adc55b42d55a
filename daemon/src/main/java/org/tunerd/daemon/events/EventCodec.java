package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link TunerEvent} to and from CloudEvents 1.0 structured JSON: source {@code urn:tunerd:<deviceId>},
 * {@code subject} the environment id where there is one, {@code dataschema} the type's
 * {@link EventType#dataSchema()} (an event without one is read as the current schema).
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** One line of JSON (no newline inside). */
    public static byte[] encode(TunerEvent event) {
        return CloudEventJson.encode(CloudEventJson.build(event.id().toString(), event.type().cloudEventType(),
                CloudEventJson.source(event.deviceId()), event.subject(), event.type().dataSchema(), event.time(),
                event.data()));
    }

    /** The event in {@code bytes}; fails naming what is wrong. */
    public static TunerEvent decode(byte[] bytes) throws EventFormatException {
        CloudEvent ce = CloudEventJson.decode(bytes);
        EventType type;
        try {
            type = EventType.fromName(ce.getType());
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(e.getMessage());
        }
        String deviceId = CloudEventJson.deviceId(ce.getSource()).orElseThrow(() -> new EventFormatException(
                "source '" + ce.getSource() + "' of event " + ce.getId() + " is not urn:tunerd:<deviceId>"));
        if (ce.getDataSchema() != null && !ce.getDataSchema().equals(type.dataSchema())) {
            throw new EventFormatException("event " + ce.getId() + " has data schema " + ce.getDataSchema()
                    + "; this tunerd reads " + type.dataSchema());
        }
        if (ce.getTime() == null) {
            throw new EventFormatException("event " + ce.getId() + " has no time");
        }
        UUID id;
        try {
            id = UUID.fromString(ce.getId());
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("event id '" + ce.getId() + "' is not a UUID");
        }
        JsonNode data = CloudEventJson.data(ce).orElseGet(Json.MAPPER::createObjectNode);
        if (!data.isObject()) {
            throw new EventFormatException("data of event " + ce.getId() + " is not a JSON object");
        }
        try {
            return new TunerEvent(id, type, ce.getTime().toInstant(), deviceId, Optional.ofNullable(ce.getSubject()),
                    (ObjectNode) data);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException(e.getMessage(), e);
        }
    }
}
