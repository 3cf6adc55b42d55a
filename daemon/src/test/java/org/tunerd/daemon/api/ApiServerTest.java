package org.tunerd.daemon.api;

import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.SessionPhase;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.store.InfluenceTerm;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class ApiServerTest {

    private static final String TOKEN = "s3cret-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> actionsTaken = new CopyOnWriteArrayList<>();
    private final List<String> eventLoopCalls = new CopyOnWriteArrayList<>();
    private final TunerConfig config = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "jetson-1")
            .parse("http: {port: 0, token: " + TOKEN + "}", "test");
    private final TunerMetrics metrics = new TunerMetrics();
    private volatile Optional<Environment> environment = Optional.empty();
    private volatile boolean healthy = true;
    private Vertx vertx;
    private ApiServer server;

    /** The fake device's space: two hardware options and a categorical software option. */
    private static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)), Option.ordinal("gpu_freq", List.of(1.3005e9)),
            Option.categorical("precision", List.of("fp32", "fp16"))));

    private final Configuration current = Configuration.of("cores", 4, "cpu_freq", 2035200, "gpu_freq", 1.3005e9);

    private void onWorker(String call) {
        if (Context.isOnEventLoopThread()) {
            eventLoopCalls.add(call);
        }
    }

    private final TunerView view = new TunerView() {
        @Override
        public StatusSnapshot status() {
            onWorker("status");
            return new StatusSnapshot("jetson-1", SessionPhase.MEASURING, environment, Optional.of(current), false,
                    Optional.of(new Performance(0.25, 1.5)), Optional.of(new Performance(0.26, Double.NaN)),
                    Optional.of(new SessionProgress("s-9", 3, 20, Optional.of("tx2_xception_400x400"),
                            List.of("tx2_xception_200x200"), "kafka", Optional.empty())), Optional.empty(), Optional.empty(),
                    Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Override
        public TunerConfig config() {
            return config;
        }

        @Override
        public Optional<ModelSnapshot> model() {
            onWorker("model");
            return environment.map(e -> new ModelSnapshot(e, Optional.of("tx2_xception_400x400"), List.of(), "gs", "rf", 20,
                    List.of(new InfluenceTerm(Metric.LATENCY, List.of("cores", "gpu_freq"), -0.5)),
                    Map.of("latency.mape", 0.07), Instant.parse("2026-01-01T00:00:00Z")));
        }

        @Override
        public List<Prediction> predictions() {
            onWorker("predictions");
            return List.of(new Prediction(current, 0.25, 1.5), new Prediction(current.with("cores", 2), 0.4, 1.1));
        }

        @Override
        public List<Prediction> pareto() {
            return List.of(new Prediction(current, 0.25, 1.5));
        }

        @Override
        public HealthReport health() {
            return new HealthReport(healthy ? new HealthReport.DeviceHealth(Optional.of(current.with("precision", 1)),
                    Optional.empty(), Map.of("precision", "fp16"))
                    : new HealthReport.DeviceHealth(Optional.empty(), Optional.of("sysfs write failed")), false,
                    new DeliveryStatus(false, 12, 12, 0, 0, 0, Optional.empty(), 0, 0, 0, Optional.empty(), false), new HealthReport.StoreHealth(2, 1),
                    Optional.of("the constraints exclude every configuration"));
        }
    };

    private final TunerActions actions = new TunerActions() {
        @Override
        public ActionResult retune(String reason) {
            onWorker("retune");
            actionsTaken.add("retune " + reason);
            return ActionResult.accepted("retuning");
        }

        @Override
        public ActionResult announce(WorkloadAnnouncement w) {
            actionsTaken.add("announce " + w);
            return ActionResult.accepted("environment " + w.on("TX2").id());
        }

        @Override
        public ActionResult pin(PinRequest r) {
            Configuration c;
            try {
                c = r.in(SPACE); // as the device's actions resolve it
            } catch (IllegalArgumentException e) {
                return ActionResult.invalid(e.getMessage());
            }
            actionsTaken.add("pin " + c);
            return ActionResult.accepted("pinned");
        }

        @Override
        public ActionResult release() {
            actionsTaken.add("release");
            return ActionResult.conflict("nothing is pinned");
        }
    };

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        startServer(config.http());
    }

    private void startServer(HttpSettings settings) throws Exception {
        if (server != null) {
            vertx.undeploy(server.deploymentID()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        server = new ApiServer(settings, view, actions, metrics);
        vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theManualPageDocumentsEveryRouteServed() throws Exception {
        String page = Files.readString(Path.of("src/deb/man/tunerd.8"));
        List<String> routes = server.router().getRoutes().stream()
                .flatMap(r -> r.methods().stream().map(m -> m.name() + " " + r.getPath())).distinct().toList();
        assertEquals(13, routes.size(), routes.toString());
        for (String route : routes) {
            assertTrue(page.contains("\n.B " + route + "\n"), "tunerd(8) does not document " + route);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void readingEndpoints() throws Exception {
        HttpResponse<String> status = send("GET", "/status", null, null);
        assertEquals(200, status.statusCode());
        assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode s = json(status);
        assertEquals("jetson-1", s.get("deviceId").asText());
        assertEquals(4, s.get("configuration").get("cores").asInt());
        assertEquals("measuring", s.get("state").asText());
        assertEquals("{\"cores\":4,\"cpu_freq\":2035200,\"gpu_freq\":1300500000}", s.get("configuration").toString(),
                "option values are integers, not 4.0 or 1.3005E9");
        assertTrue(s.get("measured").get("energy").isNull(), "NaN energy is shown as null");
        assertEquals(3, s.get("session").get("measured").asInt());
        assertEquals("tx2_xception_400x400", s.get("session").get("sourceId").asText());
        assertEquals("tx2_xception_200x200", s.get("session").get("extraSourceIds").get(0).asText());
        assertEquals("kafka", s.get("session").get("origin").asText());
        assertTrue(s.get("session").get("resumedFrom").isNull());

        assertEquals(0.25, json(send("GET", "/configuration", null, null)).get("predicted").get("latency").asDouble());
        assertEquals(404, send("GET", "/environment", null, null).statusCode());
        assertEquals(404, send("GET", "/model", null, null).statusCode());

        environment = Optional.of(new Environment("TX2", "xception", 600, 600));
        JsonNode env = json(send("GET", "/environment", null, null));
        assertEquals("tx2_xception_600x600", env.get("id").asText());
        JsonNode model = json(send("GET", "/model", null, null));
        assertEquals("cores * gpu_freq", model.get("influence").get(0).get("term").asText());
        assertEquals(0.07, model.get("accuracy").get("latency.mape").asDouble());

        JsonNode predictions = json(send("GET", "/predictions", null, null));
        assertEquals(2, predictions.get("count").asInt());
        assertEquals(2, predictions.get("predictions").get(1).get("configuration").get("cores").asInt());
        assertEquals(1, json(send("GET", "/pareto", null, null)).get("count").asInt());

        JsonNode policy = json(send("GET", "/policy", null, null));
        assertEquals("***", policy.get("http").get("token").asText());
        assertFalse(send("GET", "/policy", null, null).body().contains(TOKEN));

        assertEquals(List.of(), eventLoopCalls, "view calls run on worker threads");
    }

    @Test
    void healthAndMetrics() throws Exception {
        HttpResponse<String> h = send("GET", "/health", null, null);
        assertEquals(200, h.statusCode());
        JsonNode health = json(h);
        assertEquals("UP", health.get("status").asText());
        JsonNode checks = health.get("checks");
        assertEquals(1300500000L, checks.get("device").get("configuration").get("gpu_freq").longValue());
        assertTrue(checks.get("device").get("configuration").get("gpu_freq").isIntegralNumber());
        assertEquals(1, checks.get("device").get("configuration").get("precision").intValue(), "codes kept");
        assertEquals("{\"precision\":\"fp16\"}", checks.get("device").get("softwareOptions").toString(),
                "a categorical software option by its label, as in /status");
        assertEquals(12, checks.get("events").get("published").asInt());
        assertTrue(checks.get("events").get("lastError").isNull());
        assertFalse(checks.get("energy").get("sensor").asBoolean());
        assertEquals(1, checks.get("store").get("unreadable").asInt());
        assertFalse(checks.get("lastSession").get("ok").asBoolean());
        assertEquals("the constraints exclude every configuration", checks.get("lastSession").get("lastError").asText());
        assertFalse(h.body().contains("DeliveryStatus["), "no Java toString: " + h.body());
        assertFalse(h.body().contains("{cores="), "no Java toString: " + h.body());
        healthy = false;
        HttpResponse<String> down = send("GET", "/health", null, null);
        assertEquals(503, down.statusCode());
        assertEquals("sysfs write failed", json(down).get("checks").get("device").get("error").asText());
        assertFalse(json(down).get("checks").get("device").has("softwareOptions"), "no configuration, no values");

        metrics.tuningCompleted();
        metrics.sampleMeasured();
        metrics.sampleMeasured();
        metrics.measured(new Performance(0.3, 2.5));
        HttpResponse<String> m = send("GET", "/metrics", null, null);
        assertEquals(200, m.statusCode());
        assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(m.body().contains("# TYPE tunerd_samples_total counter\ntunerd_samples_total 2.0\n"), m.body());
        assertTrue(m.body().contains("tunerd_tunings_total 1.0\n"), m.body());
        assertTrue(m.body().contains("tunerd_measured_latency_seconds 0.3\n"), m.body());
        assertTrue(m.body().contains("tunerd_predicted_energy NaN\n"), m.body());
        assertFalse(m.body().contains("_joules"), "energy is in the data's unit, not claimed as joules: " + m.body());
    }

    @Test
    void mutatingCallsNeedTheToken() throws Exception {
        HttpResponse<String> none = send("POST", "/retune", null, null);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer realm=\"tunerd\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, send("POST", "/retune", null, TOKEN + "x").statusCode());
        assertEquals(401, send("PUT", "/pin", "{\"configuration\": {\"cores\": 2}}", "wrong").statusCode());
        assertEquals(List.of(), actionsTaken);

        HttpResponse<String> ok = send("POST", "/retune", "{\"reason\": \"operator\"}", TOKEN);
        assertEquals(202, ok.statusCode());
        assertEquals("accepted", json(ok).get("outcome").asText());
        assertEquals(202, send("POST", "/retune", null, TOKEN).statusCode());
        assertEquals(List.of("retune operator", "retune requested over HTTP"), actionsTaken);
        assertEquals(List.of(), eventLoopCalls, "actions run on worker threads");
    }

    @Test
    void withoutAConfiguredTokenMutatingCallsAreRefused() throws Exception {
        startServer(new HttpSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty()));
        HttpResponse<String> r = send("POST", "/retune", null, TOKEN);
        assertEquals(403, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("no http.token"), r.body());
        assertEquals(200, send("GET", "/status", null, null).statusCode());
        assertEquals(List.of(), actionsTaken);
    }

    @Test
    void workloadPinAndRelease() throws Exception {
        HttpResponse<String> a = send("POST", "/workload",
                "{\"dnn\": \"resnet\", \"width\": 320, \"height\": 240, \"attributes\": {\"batch\": 4}}", TOKEN);
        assertEquals(202, a.statusCode(), a.body());
        assertEquals("environment tx2_resnet_320x240_batch-4", json(a).get("message").asText());

        assertEquals(202, send("PUT", "/pin", "{\"configuration\": {\"cores\": 2, \"gpu_freq\": 1.3005e9, "
                + "\"precision\": 0}}", TOKEN).statusCode());
        HttpResponse<String> invalid = send("PUT", "/pin", "{\"configuration\": {\"cores\": 9}}", TOKEN);
        assertEquals(400, invalid.statusCode());
        assertTrue(json(invalid).get("message").asText().contains("option 'cores' does not offer 9"), invalid.body());
        assertEquals(409, send("DELETE", "/pin", null, TOKEN).statusCode());
        assertEquals(List.of("announce WorkloadAnnouncement[dnn=resnet, width=320, height=240, attributes={batch=4}]",
                "pin {cores=2, gpu_freq=1300500000, precision=0}", "release"), actionsTaken);
    }

    @Test
    void aPinTakesACategoricalOptionByItsLabelOrItsCode() throws Exception {
        HttpResponse<String> byLabel = send("PUT", "/pin", "{\"configuration\": {\"cores\": 4, \"gpu_freq\": 1300500000, "
                + "\"precision\": \"fp16\"}}", TOKEN);
        assertEquals(202, byLabel.statusCode(), byLabel.body());
        HttpResponse<String> byCode = send("PUT", "/pin", "{\"configuration\": {\"cores\": 4, \"gpu_freq\": 1300500000, "
                + "\"precision\": 1}}", TOKEN);
        assertEquals(202, byCode.statusCode(), byCode.body());
        assertEquals(List.of("pin {cores=4, gpu_freq=1300500000, precision=1}",
                "pin {cores=4, gpu_freq=1300500000, precision=1}"), actionsTaken, "fp16 is code 1 either way");
    }

    @Test
    void aPinOfAnUnknownLabelIs400NamingTheOptionTheLabelAndThoseOffered() throws Exception {
        HttpResponse<String> unknown = send("PUT", "/pin", "{\"configuration\": {\"cores\": 4, \"gpu_freq\": 1300500000, "
                + "\"precision\": \"int4\"}}", TOKEN);
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("configuration.precision: option 'precision' does not offer 'int4'; it offers [fp32, fp16]",
                json(unknown).get("message").asText());
        HttpResponse<String> labelOfANumber = send("PUT", "/pin", "{\"configuration\": {\"cores\": \"four\", "
                + "\"gpu_freq\": 1300500000, \"precision\": \"fp16\"}}", TOKEN);
        assertEquals(400, labelOfANumber.statusCode(), labelOfANumber.body());
        assertTrue(json(labelOfANumber).get("message").asText().startsWith("configuration.cores: must be a finite number"),
                labelOfANumber.body());
        assertEquals(List.of(), actionsTaken);
    }

    @Test
    void badBodiesNameTheField() throws Exception {
        assertBad(send("POST", "/workload", "{\"dnn\": \"resnet\", \"width\": 320", TOKEN), "(body)");
        assertBad(send("POST", "/workload", "[1, 2]", TOKEN), "(body)");
        assertBad(send("POST", "/workload", null, TOKEN), "(body)");
        assertBad(send("POST", "/workload", "{\"dnn\": \"resnet\", \"width\": 320}", TOKEN), "height");
        assertBad(send("POST", "/workload", "{\"dnn\": \"resnet\", \"width\": -1, \"height\": 2}", TOKEN), "width");
        assertBad(send("POST", "/workload", "{\"dnn\": \"\", \"width\": 1, \"height\": 2}", TOKEN), "dnn");
        assertBad(send("POST", "/workload", "{\"dnn\": \"a\", \"width\": 1, \"height\": 2, \"size\": 3}", TOKEN), "size");
        assertBad(send("POST", "/workload", "{\"dnn\": \"a\", \"width\": 1, \"height\": 2, \"attributes\": {\"x\": [1]}}", TOKEN),
                "attributes.x");
        assertBad(send("PUT", "/pin", "{\"configuration\": {\"cores\": true}}", TOKEN), "configuration.cores");
        assertBad(send("PUT", "/pin", "{\"configuration\": {\"precision\": [\"fp16\"]}}", TOKEN), "configuration.precision");
        assertBad(send("PUT", "/pin", "{\"cores\": 4}", TOKEN), "cores");
        assertBad(send("POST", "/retune", "{\"reason\": 5}", TOKEN), "reason");
        assertEquals(List.of(), actionsTaken);
        assertEquals(413, send("POST", "/retune", "{\"reason\": \"" + "x".repeat(70_000) + "\"}", TOKEN).statusCode());
    }

    private void assertBad(HttpResponse<String> r, String field) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, json(r).get("field").asText(), r.body());
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        HttpResponse<String> r = send("GET", "/nothing", null, null);
        assertEquals(404, r.statusCode());
        assertEquals("no such resource: /nothing", json(r).get("error").asText());
        assertEquals(405, send("DELETE", "/status", null, TOKEN).statusCode());
    }
}
