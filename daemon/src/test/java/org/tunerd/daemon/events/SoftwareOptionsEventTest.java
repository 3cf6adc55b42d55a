package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.SoftwareValues;

/** Software option values in events: in their types, round-tripped, and absent in events from before. */
class SoftwareOptionsEventTest {

    private static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0)), Option.ordinal("gpu_freq", List.of(1.3005e9)),
            Option.ordinal("batch_size", List.of(1.0, 8.0)), Option.categorical("precision", List.of("fp32", "fp16"))));
    private static final Configuration C = Configuration.of("cores", 2, "gpu_freq", 1.3005e9, "batch_size", 8,
            "precision", 1);

    @Test
    void valuesAreTypedAndHardwareIsLeftOut() {
        Map<String, Object> values = SoftwareValues.of(SPACE, C);
        assertEquals(Map.of("batch_size", 8L, "precision", "fp16"), values);
        assertEquals(List.of("batch_size", "precision"), List.copyOf(values.keySet()), "in the configuration's order");
    }

    @Test
    void theyRoundTripThroughTheCodecAsAnIntegerAndAString() throws Exception {
        EventPayload payload = new EventPayload.TuningVerified("sim-tx2_resnet50_224x224", C, new Performance(0.1, 0.2),
                new Performance(0.11, 0.21), 20, 1, "best measured", SoftwareValues.of(SPACE, C));
        TunerEvent event = TunerEvent.of(payload, Instant.parse("2026-12-02T00:00:00Z"), "tx2-01");
        byte[] line = EventCodec.encode(event);
        assertEquals(event, EventCodec.decode(line));
        JsonNode data = Json.MAPPER.readTree(line).get("data");
        assertTrue(data.path("softwareOptions").path("batch_size").isIntegralNumber(), data.toString());
        assertEquals("fp16", data.path("softwareOptions").path("precision").textValue());
    }

    @Test
    void anEventWrittenBeforeSoftwareOptionsReadsAsNone() throws Exception {
        EventPayload old = new EventPayload.DeviceReconfigured(Optional.of("sim-tx2_resnet50_224x224"), C,
                Optional.empty(), false);
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(EventCodec.encode(TunerEvent.of(old,
                Instant.parse("2026-12-02T00:00:00Z"), "tx2-01")));
        ((ObjectNode) json.get("data")).remove("softwareOptions");
        TunerEvent back = EventCodec.decode(json.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of(), ((EventPayload.DeviceReconfigured) back.payload()).softwareOptions());
        assertEquals(C, ((EventPayload.DeviceReconfigured) back.payload()).configuration());
    }
}
