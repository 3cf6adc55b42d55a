package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static TunerEvent sample() {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("dnn", "xception").put("width", 600);
        data.putObject("configuration").put("cores", 4.0);
        return new TunerEvent(UUID.randomUUID(), EventType.SAMPLE_MEASURED, Instant.parse("2026-11-22T00:00:01.5Z"),
                "tx2-01", data);
    }

    @Test
    void roundTripsAsStructuredCloudEvent() throws Exception {
        TunerEvent e = sample();
        byte[] bytes = EventCodec.encode(e);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertFalse(text.contains("\n"), text);
        JsonNode json = Json.MAPPER.readTree(bytes);
        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("org.tunerd.sample.measured", json.get("type").asText());
        assertEquals("urn:tunerd:tx2-01", json.get("source").asText());
        assertEquals(e.id().toString(), json.get("id").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertEquals(600, json.get("data").get("width").asInt(), "data inline as JSON: " + text);

        TunerEvent back = EventCodec.decode(bytes);
        assertEquals(e, back);
    }

    @Test
    void rejectsForeignEventsWithReason() {
        String foreign = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"com.example.other\",\"source\":\"urn:tunerd:a\",\"time\":\"2026-01-01T00:00:00Z\"}";
        EventFormatException ex = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(foreign.getBytes(StandardCharsets.UTF_8)));
        assertTrue(ex.getMessage().contains("com.example.other"), ex.getMessage());
        assertThrows(EventFormatException.class, () -> EventCodec.decode("{not json".getBytes(StandardCharsets.UTF_8)));
        String badSource = foreign.replace("com.example.other", "org.tunerd.model.fitted").replace("urn:tunerd:a", "http://x");
        ex = assertThrows(EventFormatException.class, () -> EventCodec.decode(badSource.getBytes(StandardCharsets.UTF_8)));
        assertTrue(ex.getMessage().contains("http://x"), ex.getMessage());
    }

    @Test
    void eventTypesHaveDottedNames() {
        assertEquals("environment.changed", EventType.ENVIRONMENT_CHANGED.shortName());
        assertEquals("org.tunerd.command.rejected", EventType.COMMAND_REJECTED.cloudEventType());
        assertEquals(EventType.TUNING_FAILED, EventType.fromName("tuning.failed"));
        assertEquals(EventType.TUNING_FAILED, EventType.fromName("org.tunerd.tuning.failed"));
        assertThrows(IllegalArgumentException.class, () -> EventType.fromName("tuning.exploded"));
    }

    @Test
    void eventIsImmutableAndDeviceIdChecked() {
        TunerEvent e = sample();
        e.data().put("width", 1);
        assertEquals(600, e.data().get("width").asInt());
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new TunerEvent(
                UUID.randomUUID(), EventType.MODEL_FITTED, Instant.now(), "bad id/x", Json.MAPPER.createObjectNode()));
        assertTrue(ex.getMessage().contains("bad id/x"));
    }
}
