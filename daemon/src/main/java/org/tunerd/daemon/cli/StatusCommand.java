package org.tunerd.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tunerd.models.space.BoardOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd status}: what the running daemon's {@code GET /status} says, for people. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Shows what the running daemon is doing: the environment, the board's configuration, "
                + "predicted and measured latency and energy, the session in progress, the last tuning and error.",
                "Reads the daemon's HTTP API at the address of the configuration's http section (or --url)."})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--url", paramLabel = "<url>",
            description = "The daemon's API, e.g. http://127.0.0.1:8077 (default: from the configuration).")
    URI url;

    @Option(names = "--json", description = "Print /status as the daemon sends it (JSON).")
    boolean json;

    @Override
    public Integer call() {
        DaemonApi api;
        if (url != null) {
            api = new DaemonApi(url, java.util.Optional.empty());
        } else if (config.file == null && java.nio.file.Files.exists(ConfigOption.SYSTEM_CONFIG)
                && !java.nio.file.Files.isReadable(ConfigOption.SYSTEM_CONFIG)) {
            // /etc/tunerd/tunerd.yaml is root:tunerd 0640 (it may hold the token); reading /status needs no token
            api = new DaemonApi(URI.create("http://127.0.0.1:8077"), java.util.Optional.empty());
            spec.commandLine().getErr().println("tunerd status: cannot read " + ConfigOption.SYSTEM_CONFIG
                    + " (root or group tunerd): asking the default " + api.base());
        } else {
            api = config.api();
        }
        DaemonApi.Answer answer = api.get("/status");
        if (answer.status() != 200) {
            throw new IllegalStateException(api.base() + "/status answered HTTP " + answer.status() + ": "
                    + answer.body().path("error").asText(answer.text()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.text());
        } else {
            render(answer.body(), Instant.now()).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /** The status as lines for people. */
    static List<String> render(JsonNode s, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("tunerd on " + s.path("deviceId").asText("?") + ": " + s.path("state").asText("?"));
        JsonNode e = s.path("environment");
        row(lines, "environment", e.isObject() ? e.path("hardware").asText() + "/" + e.path("dnn").asText() + "/"
                + e.path("width").asText() + "x" + e.path("height").asText() + attributes(e.path("attributes"))
                : "none yet");
        JsonNode c = s.path("configuration");
        row(lines, "configuration", c.isObject() ? configuration(c, s.path("softwareOptions"))
                + (s.path("pinned").asBoolean() ? "  (pinned)" : "") : "unknown");
        row(lines, "predicted", performance(s.path("predicted")));
        row(lines, "measured", performance(s.path("measured")));
        JsonNode session = s.path("session");
        if (session.isObject()) {
            String source = session.path("sourceId").isTextual() ? "from " + session.path("sourceId").asText()
                    : "cold start";
            int extra = session.path("extraSourceIds").size();
            row(lines, "session", session.path("measured").asInt() + " of " + session.path("planned").asInt()
                    + " measured, " + source + (extra > 0 ? " (+" + extra + " more sources)" : "")
                    + (session.path("origin").isTextual() ? ", workload from " + session.path("origin").asText() : "")
                    + (session.path("resumedFrom").isTextual()
                            ? ", resumed (interrupted " + when(session.path("resumedFrom").asText(), now) + ")" : ""));
        } else {
            row(lines, "session", "none running");
        }
        row(lines, "last tuned", s.path("lastTuned").isTextual() ? when(s.path("lastTuned").asText(), now) : "never");
        row(lines, "last error", s.path("lastError").isTextual() ? s.path("lastError").asText() : "none");
        return lines;
    }

    private static void row(List<String> lines, String name, String value) {
        lines.add(String.format(Locale.ROOT, "  %-14s %s", name, value));
    }

    private static String attributes(JsonNode a) {
        if (!a.isObject() || a.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        a.properties().forEach(en -> parts.add(en.getKey() + "=" + en.getValue().asText()));
        return " " + parts;
    }

    /**
     * The hardware options, then {@code software:} and the software options by their values ({@code
     * precision=fp16}, from the status's {@code softwareOptions}; the configuration holds a string option's
     * position). A software option the configuration has but {@code softwareOptions} lacks (an older daemon)
     * is shown as the configuration holds it.
     */
    private static String configuration(JsonNode c, JsonNode software) {
        List<String> hardware = new ArrayList<>();
        List<String> soft = new ArrayList<>();
        c.properties().forEach(en -> {
            JsonNode typed = software.path(en.getKey());
            if (BoardOptions.isHardware(en.getKey())) {
                hardware.add(en.getKey() + "=" + number(en.getValue()));
            } else {
                soft.add(en.getKey() + "=" + number(typed.isMissingNode() || typed.isNull() ? en.getValue() : typed));
            }
        });
        return String.join(" ", hardware) + (soft.isEmpty() ? "" : "; software: " + String.join(" ", soft));
    }

    private static String performance(JsonNode p) {
        if (!p.isObject()) {
            return "none yet";
        }
        String latency = p.path("latency").isNumber()
                ? String.format(Locale.ROOT, "%.4f s", p.path("latency").asDouble()) : "?";
        String energy = p.path("energy").isNumber()
                ? String.format(Locale.ROOT, "%.4g", p.path("energy").asDouble()) : "not measured";
        return "latency " + latency + ", energy " + energy;
    }

    /** Integral values without a fraction or exponent (1.3005E9 is 1300500000). */
    private static String number(JsonNode v) {
        if (!v.isNumber()) {
            return v.asText();
        }
        double d = v.asDouble();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String when(String instant, Instant now) {
        try {
            Duration ago = Duration.between(Instant.parse(instant), now);
            return instant + " (" + ProgressReporter.duration(Math.max(0, ago.toSeconds())) + " ago)";
        } catch (DateTimeParseException ex) {
            return instant;
        }
    }
}
