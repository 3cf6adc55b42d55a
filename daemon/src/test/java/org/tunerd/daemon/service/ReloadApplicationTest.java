package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;

/**
 * Issue 11 point 4: a reloaded file applies what a running daemon can apply (the HTTP token at once, the
 * retune timers) and names, as {@code policy.restart-needed}, what it cannot, never claiming it took.
 */
class ReloadApplicationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String file(String token, int port, String kafka, String interval) {
        return "deviceId: test-device\n"
                + "workload: {dnn: xception, width: 400, height: 400, warmups: 0, repetitions: 1, settle: 0}\n"
                + "policy: {budget: 10, strategy: lms, learner: rt}\n"
                + "retune: {interval: " + interval + "}\n"
                + "kafka: {bootstrapServers: '" + kafka + "'}\n"
                + "http: {port: " + port + ", token: " + token + "}\n"
                + "store: {dir: '" + dir.resolve("state") + "'}\n";
    }

    private static int post(HttpClient http, int port, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/retune"))
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aNewTokenWorksAtOnceAndAChangedPortIsReportedAsNeedingARestart() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, file("old-token-0123456789", 0, "127.0.0.1:9092", "off"));
        TunerConfig initial = new ConfigLoader().load(file);
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        DaemonTest.Outcomes outcomes = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(initial, Optional.of(file), SimulatedDevice.tx2(5), outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            int port = daemon.httpPort().orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(202, post(http, port, "old-token-0123456789"));

            Files.writeString(file, file("new-token-0123456789", 18077, "127.0.0.1:9092", "6h"));
            await().atMost(WAIT).until(() -> has(events, EventType.POLICY_RESTART_NEEDED));
            JsonNode restart = last(events, EventType.POLICY_RESTART_NEEDED).data();
            assertEquals("[\"http.port\"]", restart.path("fields").toString(), restart.toString());
            assertEquals(401, post(http, port, "old-token-0123456789"), "the old token stops working");
            assertEquals(202, post(http, port, "new-token-0123456789"), "the new one works, on the port in force");
            assertEquals(0, daemon.tuner().config().http().port(), "the port in force is not claimed changed");
            assertEquals(Optional.of(Duration.ofHours(6)), daemon.tuner().config().retune().interval());

            // a change of start-only fields alone: reported, and not as a reload
            int reloadsBefore = count(events, EventType.POLICY_RELOADED);
            Files.writeString(file, file("new-token-0123456789", 18077, "broker-2:9092", "6h"));
            await().atMost(WAIT).until(() -> count(events, EventType.POLICY_RESTART_NEEDED) == 2);
            assertEquals("[\"http.port\",\"kafka.bootstrapServers\"]",
                    last(events, EventType.POLICY_RESTART_NEEDED).data().path("fields").toString());
            assertEquals(reloadsBefore, count(events, EventType.POLICY_RELOADED),
                    "policy.reloaded is published before policy.restart-needed, so none was");
            assertEquals("127.0.0.1:9092", daemon.tuner().config().kafka().bootstrapServers());
        }
    }

    private static boolean has(List<TunerEvent> events, EventType type) {
        return count(events, type) > 0;
    }

    private static int count(List<TunerEvent> events, EventType type) {
        return (int) events.stream().filter(e -> e.type() == type).count();
    }

    private static TunerEvent last(List<TunerEvent> events, EventType type) {
        return events.stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aReloadOrOverrideWarnsAboutDoubtfulSettingsAsStartUpDoes() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(PolicyControl.class);
        log.start();
        logger.addAppender(log);
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, file("old-token-0123456789", 0, "127.0.0.1:9092", "off"));
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        DaemonTest.Outcomes outcomes = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(new ConfigLoader().load(file), Optional.of(file), SimulatedDevice.tx2(5),
                outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            Files.writeString(file, file("old-token-0123456789", 0, "127.0.0.1:9092", "off")
                    .replace("budget: 10", "budget: 100000"));
            await().atMost(WAIT).until(() -> has(events, EventType.POLICY_RELOADED));
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("policy.budget 100000 is larger than the device's space")),
                    log.list.toString());
            int before = log.list.size();
            daemon.tuner().overridePolicy(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("budget", 200000));
            assertTrue(log.list.subList(before, log.list.size()).stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("policy.budget 200000")), log.list.toString());
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aReloadedFileNamingAnotherWorkloadTunesForIt() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, file("old-token-0123456789", 0, "127.0.0.1:9092", "off"));
        List<TunerEvent> events = new CopyOnWriteArrayList<>();
        DaemonTest.Outcomes outcomes = new DaemonTest.Outcomes();
        try (Daemon daemon = Daemon.start(new ConfigLoader().load(file), Optional.of(file), SimulatedDevice.tx2(5),
                outcomes)) {
            daemon.events().subscribe(events::add);
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            Files.writeString(file, file("old-token-0123456789", 0, "127.0.0.1:9092", "off")
                    .replace("dnn: xception, width: 400, height: 400", "dnn: resnet50, width: 224, height: 224"));
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            assertEquals("resnet50", outcomes.finished.get(1).environment().dnn(), "not claimed and left undone");
            assertEquals("reload", last(events, EventType.ENVIRONMENT_CHANGED).data().path("source").asText());
        }
    }
}
