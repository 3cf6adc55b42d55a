package org.tunerd.daemon.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parses a workload announcement from JSON or YAML (JSON is valid YAML):
 * <pre>
 * dnn: xception
 * width: 600          # or: size: 600x600
 * height: 600
 * attributes: {precision: fp16}
 * </pre>
 * Errors ({@link InvalidWorkloadException}) name the field and the bad value; unknown fields are rejected so
 * typos are not ignored.
 */
public final class WorkloadAnnouncementParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("dnn", "width", "height", "size", "attributes");

    private WorkloadAnnouncementParser() {
    }

    /** Parses {@code text}; {@code origin} (a file name, "http body", ...) prefixes error messages. */
    public static WorkloadAnnouncement parse(String text, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidWorkloadException(origin, "", "not valid JSON/YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWorkloadException(origin, "", "expected an object with dnn, width, height");
        }
        return fromJson(root, origin);
    }

    /** Reads an announcement from an already parsed JSON object. */
    public static WorkloadAnnouncement fromJson(JsonNode root, String origin) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidWorkloadException(origin, f, "is unknown; expected " + FIELDS);
            }
        }
        JsonNode dnn = root.get("dnn");
        if (dnn == null || !dnn.isTextual() || dnn.asText().isBlank()) {
            throw new InvalidWorkloadException(origin, "dnn", "must be a non-empty string, got " + dnn);
        }
        int width;
        int height;
        if (root.has("size")) {
            String size = root.get("size").asText();
            String[] wh = size.split("x");
            if (wh.length != 2) {
                throw new InvalidWorkloadException(origin, "size", "must be WIDTHxHEIGHT, got '" + size + "'");
            }
            width = positive(wh[0], "size", origin);
            height = positive(wh[1], "size", origin);
        } else {
            width = positive(root.get("width"), "width", origin);
            height = positive(root.get("height"), "height", origin);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = root.get("attributes");
        if (attrs != null && !attrs.isNull()) {
            if (!attrs.isObject()) {
                throw new InvalidWorkloadException(origin, "attributes", "must be an object, got " + attrs);
            }
            attrs.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw new InvalidWorkloadException(origin, "attributes." + e.getKey(), "must be a text or number");
                }
                attributes.put(e.getKey(), e.getValue().asText());
            });
        }
        return new WorkloadAnnouncement(dnn.asText().trim(), width, height, attributes);
    }

    private static int positive(JsonNode node, String field, String origin) {
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new InvalidWorkloadException(origin, field, "must be a positive integer, got " + node);
        }
        return positive(node.asText(), field, origin);
    }

    private static int positive(String text, String field, String origin) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v > 0 && v <= WorkloadAnnouncement.MAX_SIDE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidWorkloadException(origin, field, "must be a positive integer of at most "
                + WorkloadAnnouncement.MAX_SIDE + ", got '" + text + "'");
    }
}
