package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/** Every event type: its payload survives the codec, and the JSON is the documented, typed shape. */
class EventPayloadTest {

    private static final Environment XCEPTION = new Environment("TX2", "xception", 600, 600, Map.of("batch", "4"));
    private static final Environment RESNET = new Environment("TX2", "resnet50", 224, 224);
    private static final Configuration CONFIGURATION = Configuration.of("cores", 3, "cpu_freq", 2035200,
            "gpu_freq", 1300500000, "emc_freq", 1.8660e9);

    /** One payload of each type; a new type fails {@link #everyTypeHasASample()} until it has one. */
    static Map<EventType, EventPayload> samples() {
        Map<EventType, EventPayload> m = new EnumMap<>(EventType.class);
        put(m, new EventPayload.EnvironmentChanged(Optional.of(XCEPTION), RESNET, "http",
                List.of("dnn xception -> resnet50", "input 600x600 -> 224x224"), false));
        put(m, new EventPayload.TuningStarted(RESNET, Optional.of(XCEPTION), List.of("tx2_inceptionv3_600x600"), false,
                "STACKED-GP", 19, true, false));
        put(m, new EventPayload.TuningResumed(RESNET.id(), "5f0c-session", "kafka", 3, "2026-12-02T12:00:00Z"));
        put(m, new EventPayload.SampleMeasured(RESNET.id(), 3, 19, CONFIGURATION, 0.0412, Double.NaN));
        put(m, new EventPayload.ModelFitted(RESNET.id(), 19, 4.25, Double.NaN));
        put(m, new EventPayload.DeviceReconfigured(Optional.of(RESNET.id()), CONFIGURATION,
                Optional.of(new Performance(0.04, 0.37)), false));
        put(m, new EventPayload.TuningVerified(RESNET.id(), CONFIGURATION, new Performance(0.04, 0.37),
                new Performance(0.041, 0.36), 20, 1, "best measured by the sequential optimiser under min-energy"));
        put(m, new EventPayload.TuningFailed(RESNET.id(), "choosing_sources", "store unreadable", false));
        put(m, new EventPayload.TuningCancelled(RESNET.id(), "superseded: retune requested: test"));
        put(m, new EventPayload.PolicyReloaded("signal", new EventPayload.Policy(new EventPayload.Objective(
                "min-energy-under-latency-slo", OptionalDouble.of(0.5), OptionalDouble.empty(), OptionalDouble.empty()),
                "stacked-gp", "rf", 20, List.of("cores >= 2", "gpu_freq = 1300500000"))));
        put(m, new EventPayload.PolicyRestartNeeded("/etc/tunerd/tunerd.yaml", "signal",
                List.of("http.port", "kafka.bootstrapServers")));
        put(m, EventPayload.PolicyRejected.of("/etc/tunerd/tunerd.yaml", "file_changed",
                List.of("policy.budget: must be a count >= 1, got -3")));
        put(m, new EventPayload.CommandRejected("tunerd.commands[0]@42", "not applied: policy override rejected",
                List.of("policy.objective: unknown objective 'max-heat'"), 0, Optional.of("tunerd.commands"),
                OptionalInt.of(0), OptionalLong.of(42), Optional.of("tx2-01"), Optional.of("c-1"),
                Optional.of("policy.override"), Optional.of("urn:ops:console")));
        put(m, new EventPayload.SensorMissing("sim-tx2", "latency only; energy objectives fall back to latency"));
        put(m, new EventPayload.ModelStored(RESNET, 788, List.of("energy: gpu_freq", "latency: cores")));
        put(m, new EventPayload.ModelImported(RESNET.id(), "tx2-02", 768));
        ObjectNode document = Json.MAPPER.createObjectNode().put("formatVersion", 1).put("id", RESNET.id());
        put(m, new EventPayload.EnvironmentShared(RESNET.id(), document));
        put(m, new EventPayload.EventDeadLettered("5f0c-id", "policy.rejected", 869_123,
                "larger than the event size bound of 262144 bytes", "/var/lib/tunerd/journal/events.dead"));
        return m;
    }

    private static void put(Map<EventType, EventPayload> m, EventPayload p) {
        m.put(p.type(), p);
    }

    static Stream<EventType> types() {
        return Arrays.stream(EventType.values());
    }

    @Test
    void everyTypeHasASample() {
        assertEquals(Arrays.asList(EventType.values()), new ArrayList<>(samples().keySet()));
        samples().forEach((type, p) -> assertEquals(type.payload(), p.getClass(), type.toString()));
    }

    @ParameterizedTest
    @MethodSource("types")
    void roundTripsThroughTheCodec(EventType type) throws Exception {
        EventPayload payload = samples().get(type);
        TunerEvent event = TunerEvent.of(payload, Instant.parse("2026-11-22T00:00:01Z"), "tx2-01");
        byte[] line = EventCodec.encode(event);
        TunerEvent back = EventCodec.decode(line);
        assertEquals(event, back);
        assertEquals(payload, back.payload());

        JsonNode cloudEvent = Json.MAPPER.readTree(line);
        assertEquals(type.cloudEventType(), cloudEvent.get("type").asText());
        assertEquals("urn:tunerd:schema:" + type.shortName() + ":1", cloudEvent.get("dataschema").asText());
        assertEquals(payload.subject().orElse(null), cloudEvent.path("subject").textValue());
        assertFalse(new String(line, StandardCharsets.UTF_8).contains("NaN"), "JSON has no NaN");
    }

    @Test
    void everyEventAboutAnEnvironmentNamesItAsSubject() {
        samples().forEach((type, p) -> {
            boolean aboutAnEnvironment = !List.of(EventType.POLICY_RELOADED, EventType.POLICY_RESTART_NEEDED,
                    EventType.POLICY_REJECTED,
                    EventType.COMMAND_REJECTED, EventType.SENSOR_MISSING, EventType.EVENT_DEAD_LETTERED).contains(type);
            assertEquals(aboutAnEnvironment, p.subject().isPresent(), type.toString());
        });
        assertEquals(Optional.of(RESNET.id()), samples().get(EventType.ENVIRONMENT_CHANGED).subject());
    }

    @Test
    void optionValuesAreIntegersAndMissingNumbersNull() {
        JsonNode sample = Json.MAPPER.valueToTree(samples().get(EventType.SAMPLE_MEASURED));
        assertTrue(sample.get("configuration").get("gpu_freq").isIntegralNumber(), sample.toString());
        assertEquals(1300500000L, sample.get("configuration").get("gpu_freq").longValue());
        assertEquals("3", sample.get("configuration").get("cores").toString(), "not 3.0");
        assertEquals("1866000000", sample.get("configuration").get("emc_freq").toString());
        assertTrue(sample.get("energy").isNull(), "no energy measured: null");
        assertEquals(0.0412, sample.get("latency").doubleValue());
        assertEquals(RESNET.id(), sample.get("environmentId").asText());
    }

    @Test
    void thePolicyIsTypedJson() {
        JsonNode policy = Json.MAPPER.valueToTree(samples().get(EventType.POLICY_RELOADED)).get("policy");
        assertTrue(policy.get("budget").isInt(), policy.toString());
        assertEquals(20, policy.get("budget").intValue());
        assertTrue(policy.get("constraints").isArray(), policy.toString());
        assertEquals("cores >= 2", policy.get("constraints").get(0).asText());
        assertEquals(0.5, policy.get("objective").get("latencySlo").doubleValue());
        EventPayload.Policy fraction = new EventPayload.Policy(new EventPayload.Objective("min-energy",
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()), "lms", "rt", 0.1, List.of());
        JsonNode json = Json.MAPPER.valueToTree(fraction);
        assertTrue(json.get("budget").isFloatingPointNumber(), "a fraction of the space is a decimal");
    }

    @Test
    void environmentsHaveTheOneFormWithTheirId() {
        JsonNode changed = Json.MAPPER.valueToTree(samples().get(EventType.ENVIRONMENT_CHANGED));
        assertEquals(org.tunerd.daemon.store.ModelJson.environment(RESNET), changed.get("current"));
        assertEquals("tx2_xception_600x600_batch-4", changed.get("previous").get("id").asText());
        assertEquals("4", changed.get("previous").get("attributes").get("batch").asText());
    }

    @Test
    void problemListsAndTextsAreBounded() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 80_000; i++) {
            many.add("policy.unknown" + i + ": unknown key");
        }
        EventPayload.PolicyRejected rejected = EventPayload.PolicyRejected.of("command", "override", many);
        assertEquals(Bounded.MAX_ITEMS, rejected.problems().size());
        assertEquals(80_000 - Bounded.MAX_ITEMS, rejected.problemsOmitted());
        String huge = "x".repeat(100_000);
        EventPayload.CommandRejected command = EventPayload.CommandRejected.of("workload file",
                "field 'dnn' must be a non-empty string, got '" + huge + "'");
        assertTrue(command.reason().length() <= Bounded.MAX_CHARS, "reason cut");
        assertTrue(command.reason().endsWith("characters in all)"), command.reason());
        assertTrue(TunerEvent.of(rejected, Instant.now(), "d").data().toString().length() < 20_000,
                "the event stays small whatever the input");
        assertEquals(rejected, new EventPayload.PolicyRejected(rejected.file(), rejected.cause(), rejected.problems(),
                rejected.problemsOmitted(), rejected.kept()), "bounding is idempotent");
    }

    @Test
    void dataThatDoesNotFitItsSchemaIsNamed() {
        ObjectNode wrong = Json.MAPPER.createObjectNode().put("environmentId", "x").put("samples", "many");
        TunerEvent event = new TunerEvent(java.util.UUID.randomUUID(), EventType.MODEL_FITTED, Instant.now(), "d", wrong);
        EventFormatException e = assertThrows(EventFormatException.class, event::payload);
        assertTrue(e.getMessage().contains("urn:tunerd:schema:model.fitted:1"), e.getMessage());
        assertTrue(e.getMessage().contains("samples"), e.getMessage());
    }

    @Test
    void anEventOfAnotherSchemaVersionIsRefused() {
        TunerEvent event = TunerEvent.of(samples().get(EventType.MODEL_FITTED), Instant.now(), "d");
        String line = new String(EventCodec.encode(event), StandardCharsets.UTF_8)
                .replace("model.fitted:1", "model.fitted:2");
        EventFormatException e = assertThrows(EventFormatException.class,
                () -> EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("model.fitted:2"), e.getMessage());
    }
}
