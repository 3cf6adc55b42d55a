package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.tunerd.daemon.device.DeviceId;

/** CloudEvents 1.0 structured JSON (one line, data inline as JSON) for everything tunerd puts on Kafka. */
public final class CloudEventJson {

    /** Content type of a structured CloudEvent in JSON. */
    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    /** Kafka header that marks a structured CloudEvent. */
    public static final String CONTENT_TYPE_HEADER = "content-type";

    private static final JsonFormat FORMAT = new JsonFormat();
    private static final String DEVICE_SOURCE_PREFIX = "urn:tunerd:";

    private CloudEventJson() {
    }

    /** {@code urn:tunerd:<deviceId>}. */
    public static URI source(String deviceId) {
        return URI.create(DEVICE_SOURCE_PREFIX + DeviceId.require(deviceId));
    }

    /** The device id in a {@code urn:tunerd:<deviceId>} source, if it is one. */
    public static Optional<String> deviceId(URI source) {
        String s = source.toString();
        return s.startsWith(DEVICE_SOURCE_PREFIX) ? Optional.of(s.substring(DEVICE_SOURCE_PREFIX.length()))
                : Optional.empty();
    }

    /** One CloudEvent with JSON data. */
    public static CloudEvent build(String id, String type, URI source, Optional<String> subject, Instant time,
                                   JsonNode data) {
        return builder(id, type, source, subject, time, data).build();
    }

    /** One CloudEvent with JSON data that follows the schema {@code dataSchema}. */
    public static CloudEvent build(String id, String type, URI source, Optional<String> subject, URI dataSchema,
                                   Instant time, JsonNode data) {
        return builder(id, type, source, subject, time, data).withDataSchema(dataSchema).build();
    }

    private static CloudEventBuilder builder(String id, String type, URI source, Optional<String> subject,
                                             Instant time, JsonNode data) {
        CloudEventBuilder b = CloudEventBuilder.v1().withId(id).withType(type).withSource(source)
                .withTime(time.atOffset(ZoneOffset.UTC)).withDataContentType("application/json")
                .withData(JsonCloudEventData.wrap(data));
        subject.ifPresent(b::withSubject);
        return b;
    }

    /** Structured JSON, one line. */
    public static byte[] encode(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /**
     * Parses structured JSON: exactly one JSON value, nothing after it (the CloudEvents reader alone stops after
     * the first value and would take {@code {...} garbage} as the event); fails with the reason (bad JSON,
     * trailing data, missing attribute, ...).
     */
    public static CloudEvent decode(byte[] bytes) throws EventFormatException {
        if (bytes == null || bytes.length == 0) {
            throw new EventFormatException("empty value, expected a CloudEvent in JSON");
        }
        try {
            Json.MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
        } catch (IOException e) {
            throw new EventFormatException("not a CloudEvent in JSON: " + rootMessage(e), e);
        }
        try {
            return FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new EventFormatException("not a CloudEvent in JSON: " + rootMessage(e), e);
        }
    }

    /** The event's data as JSON; missing data is {@code Optional.empty()}. */
    public static Optional<JsonNode> data(CloudEvent event) throws EventFormatException {
        CloudEventData data = event.getData();
        if (data == null) {
            return Optional.empty();
        }
        if (data instanceof JsonCloudEventData json) {
            return Optional.ofNullable(json.getNode()).filter(n -> !n.isNull() && !n.isMissingNode());
        }
        try {
            return Optional.of(Json.MAPPER.readTree(data.toBytes()));
        } catch (IOException e) {
            throw new EventFormatException("data of event " + event.getId() + " is not JSON: " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
