package org.tunerd.daemon.device.jetson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.tunerd.daemon.device.DeviceException;

/**
 * Where the latency of a run comes from (see {@link org.tunerd.daemon.device.InferenceCommand#latencyPattern()}):
 * the wall time (no pattern), the numeric field of the last JSON line that has it ({@code json:<field>}), or
 * group 1 of the last match of a regular expression. Parsed values are seconds.
 */
final class LatencyParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pattern regex;
    private final String jsonField;

    private LatencyParser(Pattern regex, String jsonField) {
        this.regex = regex;
        this.jsonField = jsonField;
    }

    static LatencyParser of(Optional<String> pattern) {
        if (pattern.isEmpty() || pattern.get().isBlank()) {
            return new LatencyParser(null, null);
        }
        String p = pattern.get();
        if (p.startsWith("json:")) {
            String field = p.substring("json:".length()).trim();
            if (field.isEmpty()) {
                throw new DeviceException("latency pattern '" + p + "' names no JSON field");
            }
            return new LatencyParser(null, field);
        }
        try {
            Pattern regex = Pattern.compile(p);
            if (regex.matcher("").groupCount() < 1) {
                throw new DeviceException("latency pattern '" + p + "' has no group 1 to take the seconds from");
            }
            return new LatencyParser(regex, null);
        } catch (PatternSyntaxException e) {
            throw new DeviceException("latency pattern '" + p + "' is not a regular expression: " + e.getDescription());
        }
    }

    /** True if the latency is the wall time of the run. */
    boolean wallTime() {
        return regex == null && jsonField == null;
    }

    /** The latency in seconds printed in {@code stdout}; empty for wall time; fails if it is not there. */
    OptionalDouble parse(List<String> stdout) {
        if (wallTime()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(jsonField != null ? fromJson(stdout) : fromRegex(stdout));
    }

    private double fromJson(List<String> stdout) {
        for (int i = stdout.size() - 1; i >= 0; i--) {
            String line = stdout.get(i).trim();
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                continue;
            }
            JsonNode v = node.get(jsonField);
            if (v != null && v.isNumber()) {
                return positive(v.asDouble(), "JSON field '" + jsonField + "' in line '" + line + "'");
            }
        }
        throw new DeviceException("no JSON line with a numeric field '" + jsonField + "' in the command's output"
                + tail(stdout));
    }

    private double fromRegex(List<String> stdout) {
        String text = String.join("\n", stdout);
        Matcher m = regex.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            throw new DeviceException("latency pattern '" + regex.pattern() + "' does not match the command's output"
                    + tail(stdout));
        }
        try {
            return positive(Double.parseDouble(last.trim()), "pattern '" + regex.pattern() + "' group 1");
        } catch (NumberFormatException e) {
            throw new DeviceException("latency pattern '" + regex.pattern() + "' group 1 is '" + last
                    + "', not a number of seconds");
        }
    }

    private static double positive(double v, String what) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new DeviceException(what + " gives latency " + v + " s; expected a positive number of seconds");
        }
        return v;
    }

    private static String tail(List<String> stdout) {
        List<String> last = stdout.subList(Math.max(0, stdout.size() - 5), stdout.size());
        return last.isEmpty() ? " (it printed nothing)" : "; last lines: " + String.join(" | ", last);
    }
}
