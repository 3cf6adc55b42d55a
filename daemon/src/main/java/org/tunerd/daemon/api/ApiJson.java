package org.tunerd.daemon.api;

import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.detect.InvalidWorkloadException;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.detect.WorkloadAnnouncementParser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.daemon.store.ModelJson;

/**
 * JSON bodies of the HTTP API: responses from the view's records, requests into actions' arguments. Slightly
 * over 250 lines because every endpoint's body is here, one short method each, so the wire form of the API
 * reads in one place (as {@code EventPayload} does for events).
 */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    static ObjectNode status(StatusSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("deviceId", s.deviceId());
        n.put("state", s.phase().name().toLowerCase(java.util.Locale.ROOT));
        s.environment().ifPresentOrElse(e -> {
            n.set("environment", ModelJson.environment(e));
            n.put("environmentId", e.id());
        }, () -> n.putNull("environment"));
        n.set("configuration", s.configuration().<JsonNode>map(ModelJson::configuration).orElse(n.nullNode()));
        n.set("softwareOptions", MAPPER.valueToTree(s.softwareOptions()));
        n.put("pinned", s.pinned());
        n.set("predicted", s.predicted().<JsonNode>map(ApiJson::performance).orElse(n.nullNode()));
        n.set("measured", s.measured().<JsonNode>map(ApiJson::performance).orElse(n.nullNode()));
        s.session().ifPresentOrElse(p -> {
            ObjectNode session = n.putObject("session");
            session.put("sessionId", p.sessionId());
            session.put("measured", p.measured());
            session.put("planned", p.planned());
            p.sourceId().ifPresentOrElse(id -> session.put("sourceId", id), () -> session.putNull("sourceId"));
            ArrayNode extra = session.putArray("extraSourceIds");
            p.extraSourceIds().forEach(extra::add);
            session.put("origin", p.origin());
            p.resumedFrom().ifPresentOrElse(t -> session.put("resumedFrom", t.toString()),
                    () -> session.putNull("resumedFrom"));
        }, () -> n.putNull("session"));
        s.lastTuned().ifPresentOrElse(t -> n.put("lastTuned", t.toString()), () -> n.putNull("lastTuned"));
        s.lastError().ifPresentOrElse(e -> n.put("lastError", e), () -> n.putNull("lastError"));
        n.put("at", s.at().toString());
        return n;
    }

    static ObjectNode currentConfiguration(StatusSnapshot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("configuration", s.configuration().<JsonNode>map(ModelJson::configuration).orElse(n.nullNode()));
        n.set("softwareOptions", MAPPER.valueToTree(s.softwareOptions()));
        n.put("pinned", s.pinned());
        n.set("predicted", s.predicted().<JsonNode>map(ApiJson::performance).orElse(n.nullNode()));
        n.set("measured", s.measured().<JsonNode>map(ApiJson::performance).orElse(n.nullNode()));
        return n;
    }

    static ObjectNode performance(Performance p) {
        ObjectNode n = MAPPER.createObjectNode();
        putNumber(n, "latency", p.latency());
        putNumber(n, "energy", p.energy());
        return n;
    }

    static ObjectNode model(ModelSnapshot m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("environment", ModelJson.environment(m.environment()));
        m.sourceId().ifPresentOrElse(id -> n.put("sourceId", id), () -> n.putNull("sourceId"));
        ArrayNode extra = n.putArray("extraSourceIds");
        m.extraSourceIds().forEach(extra::add);
        n.put("strategy", m.strategy());
        n.put("learner", m.learner());
        n.put("samples", m.samples());
        ArrayNode influence = n.putArray("influence");
        m.influence().forEach(t -> {
            ObjectNode term = ModelJson.influence(t);
            term.put("term", t.label());
            influence.add(term);
        });
        ObjectNode accuracy = n.putObject("accuracy");
        new java.util.TreeMap<>(m.accuracy()).forEach((k, v) -> putNumber(accuracy, k, v));
        n.put("fitted", m.fitted().toString());
        n.set("softwareOptions", MAPPER.valueToTree(m.softwareOptions()));
        return n;
    }

    static ObjectNode predictions(List<Prediction> list) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("count", list.size());
        ArrayNode items = n.putArray("predictions");
        list.forEach(p -> {
            ObjectNode item = items.addObject();
            item.set("configuration", ModelJson.configuration(p.configuration()));
            item.set("softwareOptions", MAPPER.valueToTree(p.softwareOptions()));
            putNumber(item, "latency", p.latency());
            putNumber(item, "energy", p.energy());
        });
        return n;
    }

    /**
     * {@code {"status": "UP" | "DOWN", "checks": {"device": {...}, "energy": {...}, "events": {...},
     * "store": {...}, "lastSession": {...}}}}, each check with {@code "ok"} and what it found; the device's
     * configuration (codes) comes with its {@code softwareOptions} (a categorical one by label), as in the status.
     */
    static ObjectNode health(HealthReport h) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("status", h.healthy() ? "UP" : "DOWN");
        ObjectNode checks = n.putObject("checks");
        ObjectNode device = checks.putObject("device");
        device.put("ok", h.device().answers());
        h.device().configuration().ifPresent(c -> {
            device.set("configuration", ModelJson.configuration(c));
            device.set("softwareOptions", MAPPER.valueToTree(h.device().softwareOptions()));
        });
        h.device().error().ifPresent(e -> device.put("error", e));
        ObjectNode energy = checks.putObject("energy");
        energy.put("ok", true);
        energy.put("sensor", h.energySensor());
        if (!h.energySensor()) {
            energy.put("consequence", "latency only; energy objectives fall back to latency");
        }
        ObjectNode events = checks.putObject("events");
        DeliveryStatus d = h.events();
        events.put("ok", !d.stuck());
        events.put("kafkaConfigured", d.kafkaConfigured());
        events.put("stuck", d.stuck());
        events.put("published", d.published());
        events.put("journaled", d.journaled());
        events.put("dropped", d.dropped());
        events.put("deadLettered", d.deadLettered());
        events.put("skipped", d.skipped());
        events.put("undeliveredBytes", d.undeliveredBytes());
        events.put("undeliveredEvents", d.undeliveredEvents());
        d.oldestUndeliveredAge().ifPresentOrElse(a -> events.put("oldestUndeliveredSeconds", a.toMillis() / 1000.0),
                () -> events.putNull("oldestUndeliveredSeconds"));
        events.put("consecutiveFailures", d.consecutiveFailures());
        d.lastError().ifPresentOrElse(e -> events.put("lastError", e), () -> events.putNull("lastError"));
        ObjectNode store = checks.putObject("store");
        store.put("ok", h.store().unreadable() == 0);
        store.put("environments", h.store().environments());
        store.put("unreadable", h.store().unreadable());
        ObjectNode session = checks.putObject("lastSession");
        session.put("ok", h.lastError().isEmpty());
        h.lastError().ifPresentOrElse(e -> session.put("lastError", e), () -> session.putNull("lastError"));
        return n;
    }

    static ObjectNode action(ActionResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        n.put("message", r.message());
        return n;
    }

    static ObjectNode error(String message, String field) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", message);
        if (field != null) {
            n.put("field", field);
        }
        return n;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    // ---- requests ----

    /** The body as a JSON object; an empty body reads as {@code {}} when {@code emptyAllowed}. */
    static JsonNode body(byte[] bytes, boolean emptyAllowed) {
        if (bytes == null || bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (emptyAllowed) {
                return MAPPER.createObjectNode();
            }
            throw new BadRequestException("(body)", "a JSON object is required");
        }
        JsonNode n;
        try {
            n = MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes); // one JSON value, nothing after it
        } catch (JsonProcessingException e) {
            throw new BadRequestException("(body)", "not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException("(body)", "unreadable: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadRequestException("(body)", "must be a JSON object, got " + n);
        }
        return n;
    }

    static void onlyFields(JsonNode body, String... allowed) {
        List<String> names = List.of(allowed);
        body.fieldNames().forEachRemaining(f -> {
            if (!names.contains(f)) {
                throw new BadRequestException(f, "unknown field; expected " + names);
            }
        });
    }

    static String reason(JsonNode body) {
        onlyFields(body, "reason");
        JsonNode r = body.get("reason");
        if (r == null || r.isNull()) {
            return "requested over HTTP";
        }
        if (!r.isTextual()) {
            throw new BadRequestException("reason", "must be a text, got " + r);
        }
        return r.asText();
    }

    static WorkloadAnnouncement announcement(JsonNode body) {
        try {
            return WorkloadAnnouncementParser.fromJson(body, "body");
        } catch (InvalidWorkloadException e) {
            throw new BadRequestException(e.field(), e.reason());
        }
    }

    private static int positiveInt(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new BadRequestException(field, "must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    /**
     * {@code {"configuration": {"cores": 4, "precision": "fp16"}}}: each option a number, a categorical one by its
     * label or its code; resolved against the device's space by the action ({@link PinRequest#in}).
     */
    static PinRequest pin(JsonNode body) {
        onlyFields(body, "configuration");
        JsonNode c = body.get("configuration");
        if (c == null || !c.isObject() || c.isEmpty()) {
            throw new BadRequestException("configuration", "must be an object of option values, got " + c);
        }
        c.properties().forEach(e -> {
            if (!PinRequest.valid(e.getValue())) {
                throw new BadRequestException("configuration." + e.getKey(), "must be a number or a label, got "
                        + e.getValue());
            }
        });
        return new PinRequest((ObjectNode) c);
    }
}
