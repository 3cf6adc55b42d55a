package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns what a caller publishes as an event's data into the JSON object the event carries. */
final class EventData {

    private EventData() {
    }

    /**
     * {@code data} as a JSON object, converted at once (a record, a map or a Jackson node; {@code null} = no data;
     * a non-object value becomes {@code {"value": ...}}; NaN and infinite numbers become {@code null}).
     *
     * @throws IllegalArgumentException if {@code data} cannot be converted to JSON
     */
    static ObjectNode toObject(Object data) {
        if (data == null) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.valueToTree(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event data of type " + data.getClass().getName()
                    + " cannot be converted to JSON: " + CloudEventJson.rootMessage(e), e);
        }
        node = finite(node);
        if (node instanceof ObjectNode o) {
            return o;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("value", node);
        return o;
    }

    /** NaN and infinities (e.g. energy without a sensor) become JSON null: JSON has no such numbers. */
    private static JsonNode finite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return NullNode.getInstance();
        }
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> e.setValue(finite(e.getValue())));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, finite(a.get(i)));
            }
        }
        return node;
    }
}
