package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.tunerd.daemon.device.DeviceId;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.store.Similarity;
import org.tunerd.models.space.Budget;

/**
 * Turns a configuration tree (parsed YAML or JSON) into a {@link TunerConfig}, collecting every problem
 * with its field path. Defaults are documented in {@code config/tunerd.yaml}.
 *
 * <p>Over 250 lines because it is the one reading of every section of the file (one method per section,
 * each short); the value rules are {@link ConfigNode}'s.
 */
final class ConfigParser {

    static final int DEFAULT_HTTP_PORT = 8077;
    private static final Duration MIN_TIMER_PERIOD = Duration.ofMillis(1);

    private final Path defaultStateDirectory;
    private final Path workingDirectory;
    private final Supplier<String> hostName;

    /**
     * @param defaultStateDirectory {@code store.dir} when the file sets none (see {@link StateDirectory})
     * @param workingDirectory      base of relative paths
     * @param hostName              the device id used for {@code deviceId: auto}
     */
    ConfigParser(Path defaultStateDirectory, Path workingDirectory, Supplier<String> hostName) {
        this.defaultStateDirectory = defaultStateDirectory;
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.hostName = hostName;
    }

    /** Parses a whole document; throws {@link ConfigException} with every problem found. */
    TunerConfig parse(JsonNode document, String source) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode root = ConfigNode.root(document, problems);
        String deviceId = root.string("deviceId", "auto");
        if ("auto".equals(deviceId)) {
            deviceId = hostName.get();
        }
        DeviceId.problem(deviceId).ifPresent(p -> root.problem("deviceId", p));
        DeviceSettings device = device(root.object("device"));
        WorkloadSettings workload = workload(root.object("workload"));
        PolicySettings policy = policy(root.object("policy"));
        RetuneSettings retune = retune(root.object("retune"));
        KafkaSettings kafka = kafka(root.object("kafka"));
        HttpSettings http = http(root.object("http"));
        StoreSettings store = store(root.object("store"));
        if (device.snapshotFile().isEmpty()) {
            device = device.withSnapshotFile(store.directory().resolve(DeviceSettings.SNAPSHOT_FILE));
        }
        root.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new TunerConfig(deviceId, device, workload, policy, retune, kafka, http, store);
    }

    /** Merges {@code override} over {@code current} and validates the result as a {@code policy} section. */
    static PolicySettings overridePolicy(PolicySettings current, JsonNode override) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (override == null || !override.isObject()) {
            throw new ConfigException("policy override", List.of(new ConfigProblem("policy",
                    "an override must be a JSON object, got " + ConfigNode.show(override))));
        }
        ObjectNode merged = ConfigTree.policy(current);
        merge(merged, override);
        ConfigNode node = ConfigNode.at(merged, "policy", problems);
        PolicySettings policy = policy(node);
        if (!problems.isEmpty()) {
            throw new ConfigException("policy override", problems);
        }
        return policy;
    }

    /** Objects merge key by key; any other value (including null, which removes the key) replaces. */
    private static void merge(ObjectNode target, JsonNode patch) {
        patch.properties().forEach(e -> {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private DeviceSettings device(ConfigNode n) {
        Backend backend = Backend.valueOf(n.choice("backend", "simulated",
                List.of("simulated", "replay", "jetson")).toUpperCase(java.util.Locale.ROOT));
        String board = n.string("board", "auto").toLowerCase(java.util.Locale.ROOT);
        if (!board.matches("[a-z0-9._-]+")) {
            n.problem("board", "must be a board profile name (letters, digits, . _ -) or auto, got '" + board + "'");
        }
        Path sysfsRoot = path(n, "sysfsRoot").orElse(Path.of("/"));
        ConfigNode replay = n.object("replay");
        Optional<Path> data = path(replay, "data");
        double noise = replay.number("noise", 0.0, 0.0, 1.0, false);
        replay.finish();
        if (backend == Backend.REPLAY && data.isEmpty()) {
            n.problem("replay.data", "is required with backend replay (the folder of measured CSV files)");
        }
        boolean restore = n.bool("restoreOnStop", true);
        Optional<Path> snapshot = path(n, "snapshotFile");
        n.finish();
        return new DeviceSettings(backend, board, sysfsRoot, data, noise, restore, snapshot);
    }

    private WorkloadSettings workload(ConfigNode n) {
        String dnn = n.string("dnn", "xception");
        int width = n.integer("width", 224, 1, org.tunerd.daemon.detect.WorkloadAnnouncement.MAX_SIDE);
        int height = n.integer("height", 224, 1, org.tunerd.daemon.detect.WorkloadAnnouncement.MAX_SIDE);
        Map<String, String> attributes = n.stringMap("attributes");
        Optional<InferenceCommand> command = Optional.empty();
        if (n.has("command")) {
            command = command(n.object("command"));
        } else {
            n.raw("command");
        }
        int warmups = n.integer("warmups", 1, 0, 10_000);
        int repetitions = n.integer("repetitions", 5, 1, 10_000);
        Duration settle = n.duration("settle", Duration.ofSeconds(2), true);
        Optional<Path> watchFile = path(n, "watchFile");
        org.tunerd.daemon.device.software.SoftwareOptions options = SoftwareOptionsParser.parse(n.object("options"));
        n.finish();
        return new WorkloadSettings(dnn, width, height, attributes, command, warmups, repetitions, settle, watchFile,
                options);
    }

    private Optional<InferenceCommand> command(ConfigNode n) {
        List<String> argv = n.stringList("argv");
        if (argv.isEmpty()) {
            n.problem("argv", "must list the program and its arguments");
        }
        Map<String, String> env = n.stringMap("env");
        Optional<Path> dir = path(n, "workingDir");
        Duration timeout = n.duration("timeout", Duration.ofSeconds(60), false);
        Optional<String> pattern = n.optionalString("latencyPattern");
        pattern.filter(p -> !p.startsWith("json:")).ifPresent(p -> {
            try {
                java.util.regex.Pattern compiled = java.util.regex.Pattern.compile(p);
                if (compiled.matcher("").groupCount() < 1) {
                    n.problem("latencyPattern", "needs a group 1 capturing the latency in seconds, got '" + p + "'");
                }
            } catch (java.util.regex.PatternSyntaxException e) {
                n.problem("latencyPattern", "is not a valid regular expression ('" + p + "'): " + e.getDescription());
            }
        });
        n.finish();
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InferenceCommand(argv, env, dir, timeout, pattern));
    }

    static PolicySettings policy(ConfigNode n) {
        ObjectiveSettings objective = objective(n);
        String strategy = n.choice("strategy", "stacked-gp", PolicyNames.STRATEGIES);
        String learner = n.choice("learner", "rf", PolicyNames.LEARNERS);
        Budget budget = budget(n);
        ConstraintSettings constraints = constraints(n.object("constraints"));
        n.finish();
        return new PolicySettings(objective, strategy, learner, budget, constraints);
    }

    private static final List<String> OBJECTIVES = java.util.Arrays.stream(ObjectiveKind.values())
            .map(ObjectiveKind::key).toList();

    /**
     * {@code objective: min-energy} or {@code objective: {kind: ..., latencySlo: 0.2}} or
     * {@code objective: {kind: weighted, weights: {latency: 1, energy: 2}}}.
     */
    private static ObjectiveSettings objective(ConfigNode policy) {
        Optional<JsonNode> raw = policy.raw("objective");
        if (raw.isEmpty()) {
            return ObjectiveSettings.minEnergy();
        }
        boolean longForm = raw.get().isObject();
        ConfigNode n = longForm ? policy.object("objective") : policy.emptyAt("objective");
        String kindText;
        if (longForm) {
            if (!n.has("kind")) {
                n.problem("kind", "is required: one of " + String.join(" | ", OBJECTIVES));
            }
            kindText = n.choice("kind", null, OBJECTIVES);
        } else {
            kindText = policy.choice("objective", null, OBJECTIVES);
        }
        boolean sloGiven = n.has("latencySlo");
        OptionalDouble slo = n.optionalNumber("latencySlo", 0, 3600, true);
        boolean weightsGiven = n.has("weights");
        ConfigNode w = n.object("weights");
        double lw = w.number("latency", 0, 0, 1e9, false);
        double ew = w.number("energy", 0, 0, 1e9, false);
        w.finish();
        n.finish();
        if (kindText == null) {
            return ObjectiveSettings.minEnergy();
        }
        ObjectiveKind kind = ObjectiveKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        if (kind != ObjectiveKind.MIN_ENERGY_UNDER_LATENCY_SLO && sloGiven) {
            n.problem("latencySlo", "applies only to kind " + ObjectiveKind.MIN_ENERGY_UNDER_LATENCY_SLO.key());
        }
        if (kind != ObjectiveKind.WEIGHTED && weightsGiven) {
            n.problem("weights", "apply only to kind " + ObjectiveKind.WEIGHTED.key());
        }
        switch (kind) {
            case MIN_ENERGY_UNDER_LATENCY_SLO -> {
                if (!sloGiven) {
                    n.problem("latencySlo", "is required with " + kind.key() + " (seconds per inference, e.g. "
                            + "objective: {kind: " + kind.key() + ", latencySlo: 0.2})");
                }
                return slo.isPresent() ? ObjectiveSettings.minEnergyUnderSlo(slo.getAsDouble())
                        : ObjectiveSettings.minEnergy();
            }
            case WEIGHTED -> {
                if (!(lw + ew > 0)) {
                    n.problem("weights", "need a positive latency or energy weight (e.g. objective: {kind: weighted, "
                            + "weights: {latency: 1, energy: 1}}), got latency=" + lw + " energy=" + ew);
                    return ObjectiveSettings.minEnergy();
                }
                return ObjectiveSettings.weighted(lw, ew);
            }
            case MIN_LATENCY -> {
                return ObjectiveSettings.minLatency();
            }
            default -> {
                return ObjectiveSettings.minEnergy();
            }
        }
    }

    private static final String BUDGET_RULE = "must be a count >= 1 or a fraction in (0,1] (e.g. 20, 0.1 or '10%')";

    private static Budget budget(ConfigNode n) {
        Optional<JsonNode> raw = n.raw("budget");
        if (raw.isEmpty()) {
            return Budget.ofCount(20);
        }
        JsonNode v = raw.get();
        if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 1) {
            return Budget.ofCount(v.asInt());
        }
        if (v.isFloatingPointNumber() && v.doubleValue() > 0 && v.doubleValue() <= 1) {
            return Budget.ofFraction(v.doubleValue());
        }
        if (v.isTextual() && v.asText().trim().endsWith("%")) {
            try {
                double pct = Double.parseDouble(v.asText().trim().replace("%", "").trim());
                if (pct > 0 && pct <= 100) {
                    return Budget.ofFraction(pct / 100);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        n.problem("budget", BUDGET_RULE + ", got " + ConfigNode.show(v));
        return Budget.ofCount(20);
    }

    private static ConstraintSettings constraints(ConfigNode n) {
        Map<String, AllowedRange> allowed = new LinkedHashMap<>();
        ConfigNode allowedNode = n.object("allowed");
        for (String option : allowedNode.keys()) {
            Optional<JsonNode> raw = allowedNode.raw(option);
            if (raw.isEmpty() || !raw.get().isObject()) {
                allowedNode.problem(option, "must be a mapping with min and/or max, got "
                        + ConfigNode.show(raw.orElse(null)));
                continue;
            }
            ConfigNode range = allowedNode.object(option);
            OptionalDouble min = range.optionalNumber("min", -Double.MAX_VALUE, Double.MAX_VALUE, false);
            OptionalDouble max = range.optionalNumber("max", -Double.MAX_VALUE, Double.MAX_VALUE, false);
            range.finish();
            if (min.isEmpty() && max.isEmpty()) {
                if (!range.has("min") && !range.has("max")) {
                    allowedNode.problem(option, "needs min and/or max");
                }
                continue;
            }
            if (min.isPresent() && max.isPresent() && min.getAsDouble() > max.getAsDouble()) {
                allowedNode.problem(option, "min must not exceed max, got min=" + min.getAsDouble()
                        + " max=" + max.getAsDouble());
                continue;
            }
            allowed.put(option, new AllowedRange(min, max));
        }
        int minCores = n.integer("minCores", 0, 0, 1024);
        Map<String, Double> pinned = new LinkedHashMap<>();
        ConfigNode pinnedNode = n.object("pinned");
        for (String option : pinnedNode.keys()) {
            OptionalDouble v = pinnedNode.optionalNumber(option, -Double.MAX_VALUE, Double.MAX_VALUE, false);
            v.ifPresent(d -> pinned.put(option, d));
            if (v.isEmpty() && !pinnedNode.has(option)) {
                pinnedNode.problem(option, "must be a number (the option's value), got nothing");
            }
            if (v.isPresent() && allowed.containsKey(option) && !allowed.get(option).contains(v.getAsDouble())) {
                pinnedNode.problem(option, "pinned value " + ConfigNode.show(pinnedNode.raw(option).orElseThrow())
                        + " lies outside policy.constraints.allowed." + option);
            }
        }
        n.finish();
        return new ConstraintSettings(allowed, minCores, pinned);
    }

    private RetuneSettings retune(ConfigNode n) {
        boolean onChange = n.bool("onEnvironmentChange", true);
        Optional<Duration> interval = n.optionalDuration("interval", true);
        OptionalDouble drift = OptionalDouble.empty();
        Optional<JsonNode> rawDrift = n.raw("driftThreshold");
        boolean off = rawDrift.isPresent() && (rawDrift.get().isBoolean() && !rawDrift.get().booleanValue()
                || rawDrift.get().isTextual() && "off".equalsIgnoreCase(rawDrift.get().asText()));
        if (rawDrift.isPresent() && !off) {
            drift = n.optionalNumber("driftThreshold", 0, 100, true);
        }
        Duration check = n.duration("driftCheckInterval", Duration.ofMinutes(10), false);
        // both are timer periods, which count whole milliseconds: a shorter one would fail at start-up
        interval.filter(d -> d.compareTo(MIN_TIMER_PERIOD) < 0).ifPresent(d -> n.problem("interval",
                "must be at least 1ms (or off), got " + ConfigNode.show(n.raw("interval").orElseThrow())));
        if (check.compareTo(MIN_TIMER_PERIOD) < 0) {
            n.problem("driftCheckInterval", "must be at least 1ms, got "
                    + ConfigNode.show(n.raw("driftCheckInterval").orElseThrow()));
        }
        n.finish();
        return new RetuneSettings(onChange, interval, drift, check);
    }

    private KafkaSettings kafka(ConfigNode n) {
        boolean enabled = n.bool("enabled", false);
        String bootstrap = n.string("bootstrapServers", "127.0.0.1:9092");
        for (String server : bootstrap.split(",")) {
            if (!server.trim().matches("[^\\s:]+:\\d{1,5}")) {
                n.problem("bootstrapServers", "must be host:port[,host:port...], got '" + bootstrap + "'");
                break;
            }
        }
        String clientId = n.string("clientId", "tunerd");
        ConfigNode t = n.object("topics");
        KafkaTopics topics = new KafkaTopics(topic(t, "events", "tunerd.events"),
                topic(t, "commands", "tunerd.commands"), topic(t, "models", "tunerd.models"));
        t.finish();
        Map<String, String> properties = n.stringMap("properties");
        org.tunerd.daemon.kafka.KafkaClientSettings.problems(properties)
                .forEach((key, reason) -> n.problem("properties." + key, reason));
        boolean fleet = n.bool("fleetSharing", false);
        n.finish();
        return new KafkaSettings(enabled, bootstrap, clientId, topics, properties, fleet);
    }

    private static String topic(ConfigNode n, String key, String defaultValue) {
        String name = n.string(key, defaultValue);
        if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
            n.problem(key, "is not a valid Kafka topic name (letters, digits, . _ -, at most 249), got '" + name + "'");
            return defaultValue;
        }
        return name;
    }

    private HttpSettings http(ConfigNode n) {
        boolean enabled = n.bool("enabled", true);
        String host = n.string("host", "127.0.0.1");
        int port = n.integer("port", DEFAULT_HTTP_PORT, 0, 65535);
        Optional<String> token = n.optionalString("token");
        Optional<Path> tokenFile = path(n, "tokenFile");
        if (token.isPresent() && tokenFile.isPresent()) {
            n.problem("token", "give either token or tokenFile, not both");
        }
        if (tokenFile.isPresent()) {
            try {
                String t = org.tunerd.daemon.files.SmallFiles.readText(tokenFile.get(), 4096).trim();
                if (t.isEmpty()) {
                    n.problem("tokenFile", "file " + tokenFile.get() + " is empty");
                } else {
                    token = Optional.of(t);
                }
            } catch (org.tunerd.daemon.files.UnsuitableFileException e) {
                n.problem("tokenFile", e.getMessage());
            } catch (IOException e) {
                n.problem("tokenFile", "cannot read " + tokenFile.get() + ": " + e);
            }
        }
        if (token.isPresent() && token.get().length() < 16) {
            n.problem(tokenFile.isPresent() ? "tokenFile" : "token", "a token needs at least 16 characters, got "
                    + token.get().length());
        }
        n.finish();
        return new HttpSettings(enabled, host, port, token, tokenFile);
    }

    private StoreSettings store(ConfigNode n) {
        Path dir = path(n, "dir").orElse(resolve(defaultStateDirectory.toString()));
        Similarity similarity = Similarity.defaults();
        ConfigNode s = n.object("similarity");
        Similarity d = Similarity.defaults();
        similarity = new Similarity(s.number("hardware", d.hardware(), 0, 1e9, false),
                s.number("dnn", d.dnn(), 0, 1e9, false), s.number("inputSize", d.inputSize(), 0, 1e9, false),
                s.number("attributes", d.attributes(), 0, 1e9, false));
        s.finish();
        StoreSettings base = StoreSettings.under(dir, similarity);
        Path models = path(n, "models").orElse(base.models());
        Path sessions = path(n, "sessions").orElse(base.sessions());
        Path journal = path(n, "journal").orElse(base.journal());
        int maxSources = n.integer("maxSources", StoreSettings.DEFAULT_MAX_SOURCES, 1, StoreSettings.MAX_SOURCES_LIMIT);
        n.finish();
        return new StoreSettings(base.directory(), models, sessions, journal, similarity, maxSources);
    }

    private Optional<Path> path(ConfigNode n, String key) {
        Optional<String> s = n.optionalString(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(resolve(s.get()));
        } catch (InvalidPathException e) {
            n.problem(key, "is not a valid path: '" + s.get() + "'");
            return Optional.empty();
        }
    }

    private Path resolve(String s) {
        return workingDirectory.resolve(s).normalize();
    }
}
