package org.tunerd.daemon.software;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.api.ActionResult;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.sim.AnalyticModel;
import org.tunerd.daemon.device.software.RecordingCommand;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.DeviceFactory;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.Configuration;

/**
 * End to end through the daemon on the simulated board: a configuration file declares a batch size (delivered
 * as an argument) and a precision (delivered as an environment variable); the daemon adapts hardware and
 * software options jointly, applies a configuration with both, and the inference command (a real script that
 * records its argv and environment) received the applied values. Events, the store and the HTTP API carry the
 * values in their types.
 */
class JointSoftwareHardwareDaemonTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private TunerConfig config(RecordingCommand script) {
        String yaml = """
                deviceId: joint-test
                device: {backend: simulated, board: tx2}
                workload:
                  dnn: resnet50
                  width: 224
                  height: 224
                  warmups: 0
                  repetitions: 1
                  settle: 0s
                  command:
                    argv: [/bin/sh, %s, --model, resnet50]
                    timeout: 30s
                  options:
                    batch_size: {values: [1, 2, 4, 8, 16], argument: "--batch={value}"}
                    precision: {values: [fp32, fp16], env: TUNERD_PRECISION}
                policy:
                  objective: min-energy
                  budget: 14
                http: {enabled: true, host: 127.0.0.1, port: 0}
                store: {dir: %s}
                """.formatted(script.script(), dir.resolve("state"));
        return new ConfigLoader().parse(yaml, "joint.yaml");
    }

    /** The configuration as a tree, with the precision option removed. */
    private static final class ConfigTreeText {
        static com.fasterxml.jackson.databind.JsonNode withoutPrecision(TunerConfig c) {
            var tree = org.tunerd.daemon.config.ConfigTree.toTree(c, false);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("workload").path("options")).remove("precision");
            return tree;
        }
    }

    /** Collects the sessions' outcomes. */
    private static final class Outcomes implements TuningListener {
        final List<TuningOutcome> finished = new CopyOnWriteArrayList<>();

        @Override
        public void finished(TuningOutcome outcome) {
            finished.add(outcome);
        }
    }

    private static String expectedRun(Configuration c) {
        String precision = List.of("fp32", "fp16").get((int) c.get("precision"));
        return "args=--model resnet50 --batch=" + (long) c.get(AnalyticModel.BATCH_SIZE) + " env=" + precision;
    }

    @Test
    void aJointAdaptationAppliesABatchSizeAndTheCommandReceivesIt() throws Exception {
        RecordingCommand script = RecordingCommand.in(dir, "TUNERD_PRECISION");
        TunerConfig config = config(script);
        Device device = DeviceFactory.open(config.device(), config.workload().options());
        Outcomes outcomes = new Outcomes();
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            assertTrue(daemon.announce(new WorkloadAnnouncement("mobilenetv2", 224, 224, Map.of()), "test"));
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            TuningOutcome joint = outcomes.finished.get(1);
            assertEquals("sim-tx2_resnet50_224x224", joint.source().orElseThrow().id(),
                    "the second session transfers from the first, over the joint space");
            Configuration applied = joint.applied();
            assertEquals(applied, device.current(), "the device is left in the applied configuration");
            assertTrue(applied.has(AnalyticModel.BATCH_SIZE) && applied.has("precision"), applied.toString());

            List<String> runs = script.runs();
            assertEquals(joint.measurementsUsed() + outcomes.finished.get(0).measurementsUsed(), runs.size(),
                    "one run of the command per measurement: " + runs);
            assertEquals(expectedRun(applied), runs.get(runs.size() - 1),
                    "the verification run of the applied configuration got its batch size and precision");
            assertTrue(runs.stream().map(r -> r.replaceAll(".*--batch=(\\d+).*", "$1")).distinct().count() > 1,
                    "the sessions measured several batch sizes: " + runs);

            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.type() == EventType.TUNING_VERIFIED
                    && e.data().path("environmentId").asText().equals(joint.environment().id())));
            JsonNode verified = events.stream().filter(e -> e.type() == EventType.TUNING_VERIFIED).reduce((a, b) -> b)
                    .orElseThrow().data();
            JsonNode software = verified.path("softwareOptions");
            assertTrue(software.path("batch_size").isIntegralNumber(), verified.toString());
            assertEquals((long) applied.get(AnalyticModel.BATCH_SIZE), software.path("batch_size").longValue());
            assertTrue(software.path("precision").isTextual(), verified.toString());
            assertTrue(expectedRun(applied).endsWith("env=" + software.path("precision").asText()));
            assertTrue(events.stream().filter(e -> e.type() == EventType.SAMPLE_MEASURED)
                    .allMatch(e -> e.data().path("softwareOptions").path("precision").isTextual()));

            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.httpPort().orElseThrow() + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = new ObjectMapper().readTree(status.body());
            assertEquals(software, body.path("softwareOptions"), status.body());
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.httpPort().orElseThrow() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(software, new ObjectMapper().readTree(health.body()).path("checks").path("device")
                    .path("softwareOptions"), health.body());
            HttpResponse<String> model = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.httpPort().orElseThrow() + "/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("[1,2,4,8,16]", new ObjectMapper().readTree(model.body()).path("softwareOptions")
                    .path("batch_size").toString(), model.body());
            await().atMost(WAIT).until(() -> daemon.store().size() == 2);

            TunerConfig fewer = new ConfigLoader().parse(ConfigTreeText.withoutPrecision(config), "joint.yaml");
            assertEquals(List.of("workload.options"), daemon.tuner().deviceProblems(fewer).stream()
                    .map(org.tunerd.daemon.config.ConfigProblem::field).toList(),
                    "a reload that changes the software options waits for a restart");
            assertEquals(List.of(), daemon.tuner().deviceProblems(config));

            // an operator pins the precision by its label; the device's actions resolve it to its code
            ObjectNode asked = ModelJson.configurationByLabel(device.describe().space(), applied).put("precision", "fp16");
            assertEquals("ACCEPTED", daemon.tuner().actions().pin(new PinRequest(asked)).outcome().name());
            Configuration fp16 = applied.with("precision", 1);
            await().atMost(WAIT).until(() -> device.current().equals(fp16));
            ActionResult unknown = daemon.tuner().actions().pin(new PinRequest(asked.put("precision", "int4")));
            assertEquals(ActionResult.Outcome.INVALID, unknown.outcome());
            assertTrue(unknown.message().contains("option 'precision' does not offer 'int4'; it offers [fp32, fp16]"),
                    unknown.message());
            assertEquals(fp16, device.current(), "the pin in force stays");
        }
        ModelStore reopened = new ModelStore(config.store().models(), config.store().similarity());
        var stored = reopened.all().stream().filter(m -> m.environment().dnn().equals("mobilenetv2")).findFirst()
                .orElseThrow();
        assertEquals(List.of("fp32", "fp16"), stored.space().require("precision").labels(),
                "the stored environment keeps the software options with their values");
        assertTrue(stored.data().measurements().stream().allMatch(m -> m.configuration().has(AnalyticModel.BATCH_SIZE)));
    }
}
