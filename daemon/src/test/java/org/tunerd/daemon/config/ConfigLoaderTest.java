package org.tunerd.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Budget;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

class ConfigLoaderTest {

    private static final Path CWD = Path.of("/work/here");
    private static final StateDirectory.ProcessUser ROOT = new StateDirectory.ProcessUser("root", true,
            Optional.of(Path.of("/root")));
    private static final StateDirectory.ProcessUser ALICE = new StateDirectory.ProcessUser("alice", false,
            Optional.of(Path.of("/home/alice")));
    private final ConfigLoader loader = new ConfigLoader(Map.of(), CWD, () -> "board-7", ROOT);

    private List<ConfigProblem> problems(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(yaml, "test.yaml"));
        return e.problems();
    }

    private ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> p = problems(yaml);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    @Test
    void theDocumentedDefaultFileIsValidAndMatchesTheBuiltInDefaults() {
        Path file = Path.of("..", "config", "tunerd.yaml");
        for (StateDirectory.ProcessUser user : List.of(ROOT, ALICE)) {
            ConfigLoader l = new ConfigLoader(Map.of(), CWD, () -> "board-7", user);
            // The file documents the defaults: it changes nothing, the state directory included.
            TunerConfig fromFile = l.load(file);
            assertEquals(l.defaults(), fromFile);
            // the board snapshot lives in the state directory
            assertEquals(Optional.of(fromFile.store().directory().resolve("board-snapshot.json")),
                    fromFile.device().snapshotFile());
        }
    }

    @Test
    void defaultsAreRunnableWithoutABoard() {
        TunerConfig c = loader.defaults();
        assertEquals("board-7", c.deviceId());
        assertEquals(Backend.SIMULATED, c.device().backend());
        assertFalse(c.kafka().enabled());
        assertEquals("127.0.0.1", c.http().host());
        assertEquals(Optional.empty(), c.http().token());
        assertEquals(Path.of("/var/lib/tunerd"), c.store().directory());
        assertEquals(Path.of("/var/lib/tunerd/journal"), c.store().journal());
        assertEquals(ObjectiveKind.MIN_ENERGY, c.policy().objective().kind());
        assertEquals(Budget.ofCount(20), c.policy().budget());
        assertEquals(Duration.ofSeconds(2), c.workload().settle());
    }

    @Test
    void systemdStateDirectoryIsTheDefaultStore() {
        ConfigLoader l = new ConfigLoader(Map.of("STATE_DIRECTORY", "/var/lib/tunerd-x:/var/lib/other"), CWD, () -> "h",
                ALICE);
        assertEquals(Path.of("/var/lib/tunerd-x/models"), l.defaults().store().models());
    }

    @Test
    void theDefaultStateDirectoryIsTheSystemOneForRootAndTheServiceUserAndPerUserOtherwise() {
        assertEquals(Path.of("/var/lib/tunerd"), new ConfigLoader(Map.of(), CWD, () -> "h", ROOT).defaults().store().directory());
        assertEquals(Path.of("/var/lib/tunerd"), new ConfigLoader(Map.of(), CWD, () -> "h",
                new StateDirectory.ProcessUser("tunerd", false, Optional.of(Path.of("/var/lib/tunerd")))).defaults()
                .store().directory());
        assertEquals(Path.of("/home/alice/.local/state/tunerd"),
                new ConfigLoader(Map.of(), CWD, () -> "h", ALICE).defaults().store().directory());
        assertEquals(Path.of("/xdg/state/tunerd"), new ConfigLoader(Map.of("XDG_STATE_HOME", "/xdg/state"), CWD,
                () -> "h", ALICE).defaults().store().directory());
        assertEquals(Path.of("/home/alice/.local/state/tunerd"), new ConfigLoader(Map.of("XDG_STATE_HOME", "rel"), CWD,
                () -> "h", ALICE).defaults().store().directory(), "a relative XDG_STATE_HOME is ignored, as the spec says");
        assertEquals(Path.of("/elsewhere"), new ConfigLoader(Map.of(), CWD, () -> "h", ALICE)
                .parse("store: {dir: /elsewhere}", "t").store().directory(), "an explicit store.dir wins");
    }

    @Test
    void badBudgetNamesFieldAndValue() {
        assertEquals("policy.budget: must be a count >= 1 or a fraction in (0,1] (e.g. 20, 0.1 or '10%'), got -3",
                onlyProblem("policy: {budget: -3}").toString());
        assertEquals("policy.budget", onlyProblem("policy: {budget: 1.5}").field());
        assertEquals("policy.budget", onlyProblem("policy: {budget: '150%'}").field());
        assertEquals("policy.budget", onlyProblem("policy: {budget: lots}").field());
    }

    @Test
    void budgetCountsAndFractions() {
        assertEquals(Budget.ofCount(1), loader.parse("policy: {budget: 1}", "t").policy().budget());
        assertEquals(Budget.ofFraction(1.0), loader.parse("policy: {budget: 1.0}", "t").policy().budget());
        assertEquals(Budget.ofFraction(0.1), loader.parse("policy: {budget: '10%'}", "t").policy().budget());
        Budget f = loader.parse("policy: {budget: 0.05}", "t").policy().budget();
        assertEquals(96, f.samples(1920));
        assertEquals(1, f.samples(3));
        assertEquals(10, Budget.ofCount(50).samples(10));
    }

    @Test
    void unknownKeysAreRejectedWithTheirPath() {
        assertEquals(new ConfigProblem("policy.constraints.pinnd", "unknown key"),
                onlyProblem("policy:\n  constraints:\n    pinnd: {cores: 4}\n"));
        assertEquals(new ConfigProblem("polcy", "unknown key"), onlyProblem("polcy: {}"));
        assertEquals(new ConfigProblem("workload.command.arg", "unknown key"),
                problems("workload: {command: {argv: [x], arg: 1}}").get(0));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<ConfigProblem> p = problems("""
                device: {backend: fpga}
                workload: {width: 0, settle: soon}
                http: {port: 70000}
                kafka: {bootstrapServers: 'nohost'}
                """);
        assertEquals(List.of("device.backend", "workload.width", "workload.settle", "kafka.bootstrapServers", "http.port"),
                p.stream().map(ConfigProblem::field).toList());
        assertEquals("must be one of simulated | replay | jetson, got fpga", p.get(0).reason());
        assertEquals("must be an integer in [0, 65535], got 70000", p.get(4).reason());
    }

    @Test
    void objectives() {
        assertEquals(ObjectiveSettings.minLatency(), loader.parse("policy: {objective: min-latency}", "t").policy().objective());
        assertEquals(ObjectiveSettings.minEnergyUnderSlo(0.25), loader.parse(
                "policy: {objective: {kind: min-energy-under-latency-slo, latencySlo: 0.25}}", "t").policy().objective());
        assertEquals(ObjectiveSettings.weighted(1, 3), loader.parse(
                "policy: {objective: {kind: weighted, weights: {latency: 1, energy: 3}}}", "t").policy().objective());
        assertEquals("policy.objective.latencySlo", onlyProblem("policy: {objective: min-energy-under-latency-slo}").field());
        assertEquals("policy.objective.latencySlo",
                onlyProblem("policy: {objective: {kind: min-energy-under-latency-slo, latencySlo: -1}}").field());
        assertEquals("policy.objective.weights",
                onlyProblem("policy: {objective: {kind: weighted, weights: {latency: 0}}}").field());
        assertEquals("policy.objective.kind", onlyProblem("policy: {objective: {kind: fastest}}").field());
        assertEquals("policy.objective", onlyProblem("policy: {objective: fastest}").field());
        assertEquals("policy.objective.weights", onlyProblem("policy: {objective: weighted}").field());
        assertEquals(new ConfigProblem("policy.objective.latencySlo", "applies only to kind min-energy-under-latency-slo"),
                onlyProblem("policy: {objective: {kind: min-energy, latencySlo: 0.2}}"));
        assertEquals(new ConfigProblem("policy.objective.kind", "is required: one of min-energy | min-latency | "
                + "min-energy-under-latency-slo | weighted"), onlyProblem("policy: {objective: {latencySlo: 0.2}}"));
        assertEquals("policy.objective.weights.speed",
                onlyProblem("policy: {objective: {kind: weighted, weights: {latency: 1, speed: 2}}}").field());
    }

    @Test
    void strategyAndLearnerNamesAreChecked() {
        PolicySettings p = loader.parse("policy: {strategy: NLMS, learner: rf}", "t").policy();
        assertEquals("nlms", p.strategy());
        assertEquals("rf", p.learner());
        assertEquals("policy.learner: must be one of " + String.join(" | ", PolicyNames.LEARNERS) + ", got svm",
                onlyProblem("policy: {learner: svm}").toString());
    }

    @Test
    void constraintsBecomeModelConstraintsAndAreCheckedAgainstTheDevice() {
        ConstraintSettings c = loader.parse("""
                policy:
                  constraints:
                    allowed: {gpu_freq: {min: 2, max: 3}}
                    minCores: 2
                    pinned: {emc_freq: 1}
                """, "t").policy().constraints();
        ConfigurationSpace space = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0, 3.0)),
                Option.ordinal("gpu_freq", List.of(1.0, 2.0, 3.0)), Option.ordinal("emc_freq", List.of(1.0, 2.0))));
        assertEquals(List.of(), c.check(space));
        ConfigurationSpace limited = space.withConstraints(c.toConstraints());
        assertEquals(2 * 2 * 1, limited.size());
        assertTrue(limited.stream().allMatch(x -> x.get("cores") >= 2 && x.get("gpu_freq") >= 2 && x.get("emc_freq") == 1));

        assertEquals("[2 <= gpu_freq <= 3, cores >= 2, emc_freq = 1]", c.toConstraints().toString());
        ConstraintSettings open = loader.parse("policy: {constraints: {allowed: {gpu_freq: {max: 2}, cores: {min: 2}}}}", "t")
                .policy().constraints();
        assertEquals("[gpu_freq <= 2, cores >= 2]", open.toConstraints().toString());
        assertEquals(2 * 2 * 2, space.withConstraints(open.toConstraints()).size());

        ConstraintSettings bad = new ConstraintSettings(Map.of("fan", new AllowedRange(java.util.OptionalDouble.of(1),
                java.util.OptionalDouble.empty())), 0, Map.of("emc_freq", 5.0));
        assertEquals(List.of("policy.constraints.allowed.fan", "policy.constraints.pinned.emc_freq"),
                bad.check(space).stream().map(ConfigProblem::field).toList());
        ConstraintSettings empty = new ConstraintSettings(Map.of(), 9, Map.of());
        assertEquals("policy.constraints", empty.check(space).get(0).field());
    }

    @Test
    void rangeProblems() {
        assertEquals("policy.constraints.allowed.gpu_freq",
                onlyProblem("policy: {constraints: {allowed: {gpu_freq: {min: 5, max: 1}}}}").field());
        assertEquals("policy.constraints.allowed.gpu_freq",
                onlyProblem("policy: {constraints: {allowed: {gpu_freq: 5}}}").field());
        assertEquals("policy.constraints.allowed.gpu_freq.max",
                onlyProblem("policy: {constraints: {allowed: {gpu_freq: {max: fast}}}}").field());
        assertEquals("policy.constraints.pinned.gpu_freq",
                onlyProblem("policy: {constraints: {allowed: {gpu_freq: {max: 3}}, pinned: {gpu_freq: 4}}}").field());
    }

    @Test
    void workloadCommand() {
        WorkloadSettings w = loader.parse("""
                workload:
                  dnn: resnet
                  width: 320
                  height: 240
                  attributes: {batch: 1, framework: tf}
                  command: {argv: [python3, infer.py], workingDir: models, timeout: 90s, latencyPattern: 'took (\\S+) s'}
                  settle: 500ms
                  watchFile: /run/tunerd/workload.yaml
                """, "t").workload();
        assertEquals(Map.of("batch", "1", "framework", "tf"), w.attributes());
        assertEquals(List.of("python3", "infer.py"), w.command().orElseThrow().argv());
        assertEquals(Optional.of(CWD.resolve("models")), w.command().orElseThrow().workingDirectory());
        assertEquals(Duration.ofSeconds(90), w.command().orElseThrow().timeout());
        assertEquals(Duration.ofMillis(500), w.settle());
        assertEquals("resnet", w.toWorkload().environment("TX2").dnn());
        assertEquals("workload.command.latencyPattern",
                onlyProblem("workload: {command: {argv: [x], latencyPattern: 'no group'}}").field());
        assertEquals("workload.command.argv", onlyProblem("workload: {command: {timeout: 5s}}").field());
    }

    @Test
    void replayNeedsData() {
        assertEquals(new ConfigProblem("device.replay.data",
                "is required with backend replay (the folder of measured CSV files)"),
                onlyProblem("device: {backend: replay}"));
        DeviceSettings d = loader.parse("device: {backend: replay, replay: {data: /d, noise: 0.05}}", "t").device();
        assertEquals(Optional.of(Path.of("/d")), d.replayData());
        assertEquals(0.05, d.replayNoise());
    }

    @Test
    void retuneTriggers() {
        RetuneSettings r = loader.parse("retune: {interval: 6h, driftThreshold: 0.2, driftCheckInterval: PT30M}", "t").retune();
        assertEquals(Optional.of(Duration.ofHours(6)), r.interval());
        assertEquals(0.2, r.driftThreshold().getAsDouble());
        assertEquals(Duration.ofMinutes(30), r.driftCheckInterval());
        assertEquals("retune.interval", onlyProblem("retune: {interval: sometimes}").field());
        assertEquals("retune.driftThreshold", onlyProblem("retune: {driftThreshold: 0}").field());
    }

    @Test
    void kafkaPassThroughPropertiesButNotReservedOnes() {
        KafkaSettings k = loader.parse("kafka: {enabled: true, properties: {security.protocol: SSL, linger.ms: 5}}", "t").kafka();
        assertEquals(Map.of("security.protocol", "SSL", "linger.ms", "5"), k.properties());
        assertEquals("kafka.properties.acks", onlyProblem("kafka: {properties: {acks: 1}}").field());
        assertEquals("kafka.topics.events", onlyProblem("kafka: {topics: {events: 'bad topic'}}").field());
    }

    @Test
    void tokenFromFileAndTooShortTokens(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "0123456789abcdef0123\n");
        HttpSettings h = loader.parse("http: {tokenFile: " + token + "}", "t").http();
        assertEquals(Optional.of("0123456789abcdef0123"), h.token());
        assertFalse(h.toString().contains("0123456789abcdef"));
        assertEquals("http.token", onlyProblem("http: {token: short}").field());
        assertEquals("http.tokenFile", onlyProblem("http: {tokenFile: " + dir.resolve("missing") + "}").field());
    }

    @Test
    void invalidYamlNamesTheLine() {
        ConfigProblem p = onlyProblem("policy:\n  budget: [1\n");
        assertTrue(p.field().startsWith("(line "), p.toString());
        assertTrue(problems("policy: {budget: 1}\npolicy: {budget: 2}\n").get(0).reason().contains("Duplicate"));
    }

    @Test
    void maxSourcesDefaultsToFourAndIsValidatedByField() {
        assertEquals(4, loader.defaults().store().maxSources());
        assertEquals(1, loader.parse("store: {maxSources: 1}", "t").store().maxSources());
        for (String bad : List.of("0", "17", "2.5", "many")) {
            ConfigProblem p = onlyProblem("store: {maxSources: " + bad + "}");
            assertEquals("store.maxSources", p.field(), p.toString());
            assertTrue(p.reason().contains("[1, 16]") && p.reason().contains(bad), p.toString());
        }
    }

    @Test
    void treeRoundTripsToAnEqualConfiguration() {
        TunerConfig c = loader.parse("""
                deviceId: tx2-lab-1
                device: {backend: jetson, board: tx2, sysfsRoot: /tmp/fake}
                workload: {dnn: resnet, command: {argv: [a, b], env: {X: y}, timeout: 1500ms}, watchFile: w.yaml}
                policy:
                  objective: {kind: weighted, weights: {latency: 2, energy: 1}}
                  budget: 0.1
                  constraints: {allowed: {gpu_freq: {min: 1}}, minCores: 2, pinned: {emc_freq: 3}}
                retune: {interval: 90m, driftThreshold: 0.3}
                kafka: {enabled: true, bootstrapServers: 'k1:9092,k2:9092', properties: {sasl.jaas.config: secret}, fleetSharing: true}
                http: {port: 0, token: abcdefghijklmnopqrstuvwxyz}
                store: {dir: /srv/tunerd, similarity: {attributes: 0.5}, maxSources: 2}
                """, "t");
        assertEquals(c, loader.parse(ConfigTree.toTree(c, false), "tree"));
        String shown = ConfigTree.toTree(c, true).toString();
        assertFalse(shown.contains("abcdefghijklmnop"), shown);
        assertFalse(shown.contains("secret"), shown);
        assertFalse(c.toString().contains("secret"), c.toString());
        assertFalse(c.toString().contains("abcdefghijklmnop"), c.toString());
    }

    @Test
    void policyOverrideMergesAndValidates() throws Exception {
        ObjectMapper json = new ObjectMapper();
        TunerConfig c = loader.parse("policy: {strategy: lms, budget: 30, constraints: {minCores: 2}}", "t");
        TunerConfig o = c.withPolicyOverride(json.readTree(
                "{\"objective\": {\"kind\": \"min-energy-under-latency-slo\", \"latencySlo\": 0.1}, \"constraints\": {\"pinned\": {\"cores\": 4}}}"));
        assertEquals(ObjectiveSettings.minEnergyUnderSlo(0.1), o.policy().objective());
        assertEquals("lms", o.policy().strategy());
        assertEquals(Budget.ofCount(30), o.policy().budget());
        assertEquals(2, o.policy().constraints().minCores());
        assertEquals(Map.of("cores", 4.0), o.policy().constraints().pinned());
        assertEquals(c.http(), o.http());

        ConfigException e = assertThrows(ConfigException.class,
                () -> c.withPolicyOverride(json.readTree("{\"budget\": -3, \"color\": \"red\"}")));
        assertEquals(List.of("policy.budget", "policy.color"), e.problems().stream().map(ConfigProblem::field).toList());
        assertEquals("policy", assertThrows(ConfigException.class,
                () -> c.withPolicyOverride(json.readTree("[1]"))).problems().get(0).field());
    }
}
