package org.tunerd.daemon.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strict readers of JSON fields for the store's documents: each fails with a {@link StoreFormatException}
 * naming the field's path and the value found.
 */
final class JsonFields {

    private JsonFields() {
    }

    static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    static void object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new StoreFormatException((path.isEmpty() ? "(document)" : path) + ": must be an object, got " + n);
        }
    }

    static JsonNode array(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new StoreFormatException(prefix(path) + field + ": must be a list, got " + v);
        }
        return v;
    }

    static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new StoreFormatException(prefix(path) + field + ": must be a non-empty text, got " + v);
        }
        return v.asText();
    }

    static int integer(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new StoreFormatException(prefix(path) + field + ": must be an integer, got " + v);
        }
        return v.asInt();
    }

    static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new StoreFormatException(path + ": must be a finite number, got " + v);
        }
        return v.doubleValue();
    }

    static Instant instant(JsonNode n, String field, String path) {
        String t = text(n, field, path);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new StoreFormatException(prefix(path) + field + ": must be an ISO-8601 instant, got '" + t + "'");
        }
    }

    static Map<String, String> stringMap(JsonNode n, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new StoreFormatException(path + ": must be an object of texts, got " + n);
        }
        n.properties().forEach(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new StoreFormatException(path + "." + e.getKey() + ": must be a text, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
