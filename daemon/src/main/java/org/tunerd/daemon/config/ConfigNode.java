package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the configuration tree with its dotted path. Readers record a problem (naming the path
 * and the bad value) and return the default instead of throwing, so one pass reports every problem;
 * {@link #finish()} reports the keys nobody read as unknown.
 *
 * <p>Over 250 lines because it holds one typed reader per kind of value (text, choice, boolean, integer,
 * number, duration, list, mapping), each a few lines, that must report problems the same way.
 */
final class ConfigNode {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private final JsonNode node;
    private final String path;
    private final List<ConfigProblem> problems;
    private final Set<String> read = new HashSet<>();

    private ConfigNode(JsonNode node, String path, List<ConfigProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** The document root; {@code null} or a missing document reads as an empty mapping. */
    static ConfigNode root(JsonNode node, List<ConfigProblem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return new ConfigNode(JsonNodeFactory.instance.objectNode(), "", problems);
        }
        if (!node.isObject()) {
            problems.add(new ConfigProblem("(document)", "must be a mapping of sections, got " + show(node)));
            return new ConfigNode(JsonNodeFactory.instance.objectNode(), "", problems);
        }
        return new ConfigNode(node, "", problems);
    }

    /** A detached reader for a sub-tree at {@code path} (used for policy overrides). */
    static ConfigNode at(JsonNode node, String path, List<ConfigProblem> problems) {
        return new ConfigNode(node, path, problems);
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String reason) {
        problems.add(new ConfigProblem(path(key), reason));
    }

    /** The raw value of {@code key}, or empty when absent or null. */
    Optional<JsonNode> raw(String key) {
        read.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The mapping under {@code key}; an absent key reads as an empty mapping. */
    ConfigNode object(String key) {
        Optional<JsonNode> v = raw(key);
        if (v.isPresent() && !v.get().isObject()) {
            problem(key, "must be a mapping, got " + show(v.get()));
            return new ConfigNode(JsonNodeFactory.instance.objectNode(), path(key), problems);
        }
        return new ConfigNode(v.orElse(JsonNodeFactory.instance.objectNode()), path(key), problems);
    }

    /** An empty mapping at {@code key}'s path (for a short form standing in for a mapping). */
    ConfigNode emptyAt(String key) {
        return new ConfigNode(JsonNodeFactory.instance.objectNode(), path(key), problems);
    }

    /** The keys of this mapping, in document order (marks them all as read). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        read.addAll(keys);
        return keys;
    }

    Optional<String> optionalString(String key) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!v.get().isValueNode()) {
            problem(key, "must be a text value, got " + show(v.get()));
            return Optional.empty();
        }
        String s = v.get().asText().trim();
        if (s.isEmpty()) {
            problem(key, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A text value that must be one of {@code choices} (compared case-insensitively, returned lower case). */
    String choice(String key, String defaultValue, List<String> choices) {
        Optional<String> v = optionalString(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().toLowerCase(java.util.Locale.ROOT);
        if (!choices.contains(s)) {
            problem(key, "must be one of " + String.join(" | ", choices) + ", got " + v.get());
            return defaultValue;
        }
        return s;
    }

    boolean bool(String key, boolean defaultValue) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        if (v.get().isBoolean()) {
            return v.get().booleanValue();
        }
        String s = v.get().asText();
        if ("true".equalsIgnoreCase(s) || "false".equalsIgnoreCase(s)) {
            return Boolean.parseBoolean(s);
        }
        problem(key, "must be true or false, got " + show(v.get()));
        return defaultValue;
    }

    int integer(String key, int defaultValue, int min, int max) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        JsonNode n = v.get();
        if (!n.canConvertToExactIntegral() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            problem(key, "must be an integer in [" + min + ", " + max + "], got " + show(n));
            return defaultValue;
        }
        return n.asInt();
    }

    OptionalDouble optionalNumber(String key, double min, double max, boolean minExclusive) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        JsonNode n = v.get();
        double d = n.isNumber() ? n.doubleValue() : Double.NaN;
        boolean ok = n.isNumber() && !Double.isNaN(d) && !Double.isInfinite(d)
                && (minExclusive ? d > min : d >= min) && d <= max;
        if (!ok) {
            problem(key, "must be a number in " + (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + "], got "
                    + show(n));
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(d);
    }

    double number(String key, double defaultValue, double min, double max, boolean minExclusive) {
        return optionalNumber(key, min, max, minExclusive).orElse(defaultValue);
    }

    /**
     * A duration: a number of seconds, {@code 500ms}, {@code 2s}, {@code 5m}, {@code 6h}, {@code 1d}, or
     * ISO-8601 ({@code PT5M}). With {@code allowOff}, {@code off}, {@code none} and {@code 0} give empty.
     */
    Optional<Duration> optionalDuration(String key, boolean allowOff) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = v.get();
        if (allowOff && n.isBoolean() && !n.booleanValue()) {
            return Optional.empty(); // YAML 1.1 reads a bare off as false
        }
        Duration d = parseDuration(n);
        if (d == null && allowOff && n.isTextual()
                && List.of("off", "none", "never").contains(n.asText().trim().toLowerCase(java.util.Locale.ROOT))) {
            return Optional.empty();
        }
        if (d == null || d.isNegative() || (d.isZero() && !allowOff)) {
            problem(key, "must be a " + (allowOff ? "" : "positive ") + "duration such as 30s, 500ms, 5m, 6h"
                    + (allowOff ? " (or off)" : "") + ", got " + show(n));
            return Optional.empty();
        }
        return d.isZero() ? Optional.empty() : Optional.of(d);
    }

    Duration duration(String key, Duration defaultValue, boolean allowZero) {
        Optional<JsonNode> v = raw(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        Duration d = parseDuration(v.get());
        if (d == null || d.isNegative() || (d.isZero() && !allowZero)) {
            problem(key, "must be a " + (allowZero ? "non-negative" : "positive")
                    + " duration such as 30s, 500ms, 5m, 6h, got " + show(v.get()));
            return defaultValue;
        }
        return d;
    }

    private static Duration parseDuration(JsonNode n) {
        if (n.isNumber()) {
            double s = n.doubleValue();
            return Double.isFinite(s) ? Duration.ofNanos(Math.round(s * 1e9)) : null;
        }
        if (!n.isTextual()) {
            return null;
        }
        String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            double x = Double.parseDouble(m.group(1));
            double seconds = switch (m.group(2)) {
                case "ms" -> x / 1000;
                case "s" -> x;
                case "m" -> x * 60;
                case "h" -> x * 3600;
                default -> x * 86400;
            };
            return Duration.ofNanos(Math.round(seconds * 1e9));
        }
        try {
            return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A mapping of names to scalar values, as text. */
    Map<String, String> stringMap(String key) {
        Optional<JsonNode> v = raw(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isObject()) {
            problem(key, "must be a mapping of names to values, got " + show(v.get()));
            return out;
        }
        v.get().properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.isValueNode() && !value.isNull()) {
                out.put(e.getKey(), value.asText());
            } else {
                problems.add(new ConfigProblem(path(key) + "." + e.getKey(), "must be a text or number, got " + show(value)));
            }
        });
        return out;
    }

    /** A list of scalar values, as text. */
    List<String> stringList(String key) {
        Optional<JsonNode> v = raw(key);
        List<String> out = new ArrayList<>();
        if (v.isEmpty()) {
            return out;
        }
        if (!v.get().isArray()) {
            problem(key, "must be a list, got " + show(v.get()));
            return out;
        }
        for (int i = 0; i < v.get().size(); i++) {
            JsonNode e = v.get().get(i);
            if (e.isValueNode() && !e.isNull()) {
                out.add(e.asText());
            } else {
                problems.add(new ConfigProblem(path(key) + "[" + i + "]", "must be a text value, got " + show(e)));
            }
        }
        return out;
    }

    /** Reports every key of this mapping that no reader asked for. */
    void finish() {
        node.fieldNames().forEachRemaining(k -> {
            if (!read.contains(k)) {
                problems.add(new ConfigProblem(path(k), "unknown key"));
            }
        });
    }

    /** A value as it appeared: text unquoted, everything else as JSON. */
    static String show(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "'" + n.asText() + "'";
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    private static String fmt(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
