package org.tunerd.daemon.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tunerd.daemon.events.CloudEventJson;
import org.tunerd.daemon.events.EventFormatException;
import org.tunerd.daemon.api.PinRequest;

/** Turns a CloudEvent JSON command into a {@link Command}, or says exactly why it cannot. */
public final class CommandParser {

    private CommandParser() {
    }

    /**
     * Parses {@code value}.
     *
     * @param origin where it was read, for {@link CommandMeta#origin()}
     * @throws CommandRejectedException with the reason: bad JSON, not a CloudEvent, unknown type, missing or
     *                                  invalid field
     */
    public static Command parse(byte[] value, String origin) throws CommandRejectedException {
        CloudEvent ce;
        try {
            ce = CloudEventJson.decode(value);
        } catch (EventFormatException e) {
            throw new CommandRejectedException(e.getMessage(), e);
        }
        CommandType type;
        try {
            type = CommandType.fromName(ce.getType());
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(e.getMessage());
        }
        Optional<JsonNode> data;
        try {
            data = CloudEventJson.data(ce);
        } catch (EventFormatException e) {
            throw new CommandRejectedException(e.getMessage(), e);
        }
        CommandMeta meta = new CommandMeta(ce.getId(), ce.getSource(),
                Optional.ofNullable(ce.getTime()).map(t -> t.toInstant()), origin);
        String what = type.shortName();
        try {
            return switch (type) {
                case RETUNE -> new Command.Retune(meta, reason(what, data));
                case CONFIGURATION_RELEASE -> new Command.ReleasePin(meta, reason(what, data));
                case WORKLOAD_ANNOUNCE -> workload(meta, object(what, data));
                case POLICY_OVERRIDE -> policy(meta, object(what, data));
                case CONFIGURATION_PIN -> pin(meta, object(what, data));
            };
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(what + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode object(String what, Optional<JsonNode> data) throws CommandRejectedException {
        JsonNode d = data.orElseThrow(() -> new CommandRejectedException(what + ": data is missing"));
        if (!d.isObject()) {
            throw new CommandRejectedException(what + ": data must be a JSON object, got " + d.getNodeType());
        }
        return (ObjectNode) d;
    }

    private static Optional<String> reason(String what, Optional<JsonNode> data) throws CommandRejectedException {
        if (data.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = object(what, data);
        onlyFields(what, o, Set.of("reason"));
        JsonNode r = o.get("reason");
        if (r == null || r.isNull()) {
            return Optional.empty();
        }
        if (!r.isTextual()) {
            throw new CommandRejectedException(what + ": field 'reason' must be a string, got " + r);
        }
        return Optional.of(r.asText());
    }

    private static Command workload(CommandMeta meta, ObjectNode o) throws CommandRejectedException {
        String what = CommandType.WORKLOAD_ANNOUNCE.shortName();
        onlyFields(what, o, Set.of("dnn", "width", "height", "attributes"));
        JsonNode dnn = required(what, o, "dnn");
        if (!dnn.isTextual() || dnn.asText().isBlank()) {
            throw new CommandRejectedException(what + ": field 'dnn' must be a non-blank string, got " + dnn);
        }
        int width = positiveInt(what, o, "width");
        int height = positiveInt(what, o, "height");
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = o.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new CommandRejectedException(what + ": field 'attributes' must be an object, got " + attrs);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = attrs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new CommandRejectedException(what + ": attribute '" + e.getKey()
                            + "' must be a string, number or boolean, got " + e.getValue());
                }
                attributes.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Command.AnnounceWorkload(meta, dnn.asText(), width, height, attributes);
    }

    private static Command policy(CommandMeta meta, ObjectNode o) throws CommandRejectedException {
        if (o.isEmpty()) {
            throw new CommandRejectedException(CommandType.POLICY_OVERRIDE.shortName()
                    + ": data is an empty object, nothing to override");
        }
        return new Command.OverridePolicy(meta, o);
    }

    private static Command pin(CommandMeta meta, ObjectNode o) throws CommandRejectedException {
        String what = CommandType.CONFIGURATION_PIN.shortName();
        onlyFields(what, o, Set.of("configuration"));
        JsonNode c = required(what, o, "configuration");
        if (!c.isObject() || c.isEmpty()) {
            throw new CommandRejectedException(what + ": field 'configuration' must be a non-empty object of "
                    + "option: number or label, got " + c);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PinRequest.valid(e.getValue())) {
                throw new CommandRejectedException(what + ": option '" + e.getKey() + "' must be a number or a label, "
                        + "got " + e.getValue());
            }
        }
        return new Command.PinConfiguration(meta, new PinRequest((ObjectNode) c));
    }

    private static JsonNode required(String what, ObjectNode o, String field) throws CommandRejectedException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new CommandRejectedException(what + ": field '" + field + "' is missing");
        }
        return v;
    }

    private static int positiveInt(String what, ObjectNode o, String field) throws CommandRejectedException {
        JsonNode v = required(what, o, field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new CommandRejectedException(what + ": field '" + field + "' must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    private static void onlyFields(String what, ObjectNode o, Set<String> known) throws CommandRejectedException {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new CommandRejectedException(what + ": unknown field '" + f + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
