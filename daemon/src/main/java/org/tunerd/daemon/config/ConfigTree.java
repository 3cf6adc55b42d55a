package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * A {@link TunerConfig} as a tree in the file's shape: what {@code GET /configuration} shows and what a
 * policy override is merged onto. Reading the tree back gives an equal configuration.
 */
public final class ConfigTree {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** What a hidden value shows as. */
    public static final String REDACTED = "***";

    private ConfigTree() {
    }

    /**
     * The whole configuration. With {@code redactSecrets} (what {@code GET /policy} shows) the HTTP token, every
     * value of {@code workload.command.env} and every Kafka property not in {@link KafkaSettings#SHOWN_IN_CLEAR}
     * are shown as {@link #REDACTED}; the names stay visible. (Secrets belong in the command's environment, not
     * its argv, which any local user can read in {@code ps} anyway.)
     */
    public static ObjectNode toTree(TunerConfig c, boolean redactSecrets) {
        ObjectNode root = F.objectNode();
        root.put("deviceId", c.deviceId());

        DeviceSettings d = c.device();
        ObjectNode device = root.putObject("device");
        device.put("backend", d.backend().key());
        device.put("board", d.board());
        device.put("sysfsRoot", d.sysfsRoot().toString());
        ObjectNode replay = device.putObject("replay");
        d.replayData().ifPresent(p -> replay.put("data", p.toString()));
        replay.put("noise", d.replayNoise());
        device.put("restoreOnStop", d.restoreOnStop());
        d.snapshotFile().ifPresent(f -> device.put("snapshotFile", f.toString()));

        WorkloadSettings w = c.workload();
        ObjectNode workload = root.putObject("workload");
        workload.put("dnn", w.dnn());
        workload.put("width", w.width());
        workload.put("height", w.height());
        putMap(workload.putObject("attributes"), w.attributes());
        w.command().ifPresent(cmd -> {
            ObjectNode command = workload.putObject("command");
            cmd.argv().forEach(command.putArray("argv")::add);
            ObjectNode env = command.putObject("env");
            cmd.environment().forEach((k, v) -> env.put(k, redactSecrets ? REDACTED : v));
            cmd.workingDirectory().ifPresent(p -> command.put("workingDir", p.toString()));
            command.put("timeout", duration(cmd.timeout()));
            cmd.latencyPattern().ifPresent(p -> command.put("latencyPattern", p));
        });
        workload.put("warmups", w.warmups());
        workload.put("repetitions", w.repetitions());
        workload.put("settle", duration(w.settle()));
        w.watchFile().ifPresent(p -> workload.put("watchFile", p.toString()));
        ObjectNode options = workload.putObject("options");
        w.options().options().forEach(o -> {
            ObjectNode option = options.putObject(o.name());
            var values = option.putArray("values");
            o.option().values().forEach(v -> {
                if (o.option().kind() == org.tunerd.models.space.OptionKind.CATEGORICAL) {
                    values.add(o.option().label(v));
                } else {
                    values.add((long) (double) v);
                }
            });
            option.put(o.delivery().configKey(), o.delivery().configValue());
        });

        root.set("policy", policy(c.policy()));

        RetuneSettings r = c.retune();
        ObjectNode retune = root.putObject("retune");
        retune.put("onEnvironmentChange", r.onEnvironmentChange());
        retune.put("interval", r.interval().map(ConfigTree::duration).orElse("off"));
        if (r.driftThreshold().isPresent()) {
            retune.put("driftThreshold", r.driftThreshold().getAsDouble());
        } else {
            retune.put("driftThreshold", "off");
        }
        retune.put("driftCheckInterval", duration(r.driftCheckInterval()));

        KafkaSettings k = c.kafka();
        ObjectNode kafka = root.putObject("kafka");
        kafka.put("enabled", k.enabled());
        kafka.put("bootstrapServers", k.bootstrapServers());
        kafka.put("clientId", k.clientId());
        ObjectNode topics = kafka.putObject("topics");
        topics.put("events", k.topics().events());
        topics.put("commands", k.topics().commands());
        topics.put("models", k.topics().models());
        ObjectNode props = kafka.putObject("properties");
        k.properties().forEach((key, v) -> props.put(key, redactSecrets && !KafkaSettings.shownInClear(key) ? REDACTED : v));
        kafka.put("fleetSharing", k.fleetSharing());

        HttpSettings h = c.http();
        ObjectNode http = root.putObject("http");
        http.put("enabled", h.enabled());
        http.put("host", h.host());
        http.put("port", h.port());
        if (h.tokenFile().isPresent()) {
            http.put("tokenFile", h.tokenFile().get().toString());
        } else {
            h.token().ifPresent(t -> http.put("token", redactSecrets ? REDACTED : t));
        }

        StoreSettings s = c.store();
        ObjectNode store = root.putObject("store");
        store.put("dir", s.directory().toString());
        store.put("models", s.models().toString());
        store.put("sessions", s.sessions().toString());
        store.put("journal", s.journal().toString());
        store.put("maxSources", s.maxSources());
        ObjectNode sim = store.putObject("similarity");
        sim.put("hardware", s.similarity().hardware());
        sim.put("dnn", s.similarity().dnn());
        sim.put("inputSize", s.similarity().inputSize());
        sim.put("attributes", s.similarity().attributes());
        return root;
    }

    /** The {@code policy} section. */
    public static ObjectNode policy(PolicySettings p) {
        ObjectNode policy = F.objectNode();
        ObjectNode objective = policy.putObject("objective");
        objective.put("kind", p.objective().kind().key());
        p.objective().latencySlo().ifPresent(slo -> objective.put("latencySlo", slo));
        if (p.objective().kind() == ObjectiveKind.WEIGHTED) {
            ObjectNode weights = objective.putObject("weights");
            weights.put("latency", p.objective().latencyWeight());
            weights.put("energy", p.objective().energyWeight());
        }
        policy.put("strategy", p.strategy());
        policy.put("learner", p.learner());
        if (p.budget().isFraction()) {
            policy.put("budget", p.budget().fraction());
        } else {
            policy.put("budget", p.budget().count());
        }
        ObjectNode constraints = policy.putObject("constraints");
        ObjectNode allowed = constraints.putObject("allowed");
        p.constraints().allowed().forEach((option, range) -> {
            ObjectNode r = allowed.putObject(option);
            range.min().ifPresent(v -> r.put("min", v));
            range.max().ifPresent(v -> r.put("max", v));
        });
        constraints.put("minCores", p.constraints().minCores());
        ObjectNode pinned = constraints.putObject("pinned");
        p.constraints().pinned().forEach(pinned::put);
        return policy;
    }

    private static void putMap(ObjectNode node, Map<String, String> map) {
        map.forEach(node::put);
    }

    /** {@code 2s}, {@code 1500ms}: the shortest exact form the file accepts. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
