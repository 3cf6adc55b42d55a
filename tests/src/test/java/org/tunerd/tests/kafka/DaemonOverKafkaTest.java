package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Budget;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.KafkaSettings;
import org.tunerd.daemon.config.KafkaTopics;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.Configuration;

/**
 * The whole daemon against a real Kafka broker: a workload announced on the commands topic leads to the
 * full event sequence on the events topic and the board ends at the chosen configuration; a command with
 * bad JSON is rejected with an event; events of a session run while the broker is down arrive after it
 * comes back.
 */
class DaemonOverKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private TunerConfig config(String deviceId, String prefix) {
        TunerConfig base = new ConfigLoader().defaults();
        WorkloadSettings workload = new WorkloadSettings("xception", 400, 400, Map.of(), Optional.empty(), 0, 1,
                Duration.ZERO, Optional.empty());
        PolicySettings policy = new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(10),
                base.policy().constraints());
        KafkaSettings kafka = new KafkaSettings(true, broker.bootstrapServers(), deviceId,
                new KafkaTopics(prefix + ".events", prefix + ".commands", prefix + ".models"), Map.of(), false);
        return new TunerConfig(deviceId, base.device(), workload, policy, base.retune(), kafka,
                new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir.resolve(deviceId), base.store().similarity()));
    }

    private static List<JsonNode> events(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : Topics.readAll(broker.bootstrapServers(), topic)) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText().replace("org.tunerd.", "")).toList();
    }

    /** Collects finished sessions. */
    static final class Outcomes implements TuningListener {
        final List<TuningOutcome> finished = new CopyOnWriteArrayList<>();

        @Override
        public void finished(TuningOutcome outcome) {
            finished.add(outcome);
        }
    }

    @Test
    void anAnnouncedWorkloadLeadsToTheFullEventSequenceAndTheChosenConfiguration() throws Exception {
        TunerConfig config = config("board-1", "e2e");
        Topics.create(broker.bootstrapServers(), "e2e.events", "e2e.commands");
        SimulatedDevice device = SimulatedDevice.tx2(3);
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            // a command sent before the consumer is assigned is never seen (it starts at the topic's end)
            await().atMost(WAIT).until(() -> Topics.hasCommittedPosition(broker.bootstrapServers(),
                    "tunerd-commands-board-1", "e2e.commands"));
            Topics.send(broker.bootstrapServers(), "e2e.commands", "board-1",
                    Commands.cloudEvent("workload.announce", "{\"dnn\":\"resnet50\",\"width\":224,\"height\":224}"));
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            TuningOutcome outcome = outcomes.finished.get(1);
            assertEquals("resnet50", outcome.environment().dnn());
            assertEquals(outcome.applied(), device.current(), "the board ends at the chosen configuration");

            await().atMost(WAIT).until(() -> types(events("e2e.events")).stream().filter("model.stored"::equals).count() == 2);
            List<JsonNode> all = events("e2e.events");
            assertTrue(all.stream().allMatch(e -> e.get("source").asText().equals("urn:tunerd:board-1")));
            int from = indexOfChangeTo(all, "resnet50");
            List<String> steps = new ArrayList<>();
            long samples = 0;
            for (String t : types(all.subList(from, all.size()))) {
                if (t.equals("sample.measured")) {
                    samples++;
                } else if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(t)) {
                    steps.add(t);
                }
            }
            assertEquals(List.of("environment.changed", "tuning.started", "model.fitted", "device.reconfigured",
                    "tuning.verified", "model.stored"), steps);
            assertEquals(10, samples);
            JsonNode verified = all.stream().filter(e -> e.get("type").asText().endsWith("tuning.verified"))
                    .reduce((a, b) -> b).orElseThrow();
            Configuration applied = new Configuration(JSON.convertValue(verified.path("data").path("configuration"),
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Double>>() { }));
            assertEquals(device.current(), applied, "the event names the configuration the board is in");

            Topics.send(broker.bootstrapServers(), "e2e.commands", "board-1", "{not json");
            await().atMost(WAIT).until(() -> types(events("e2e.events")).contains("command.rejected"));
        }
    }

    @Test
    void eventsOfASessionRunWhileTheBrokerIsDownArriveAfterItReturns() throws Exception {
        TunerConfig config = config("board-2", "outage");
        Topics.create(broker.bootstrapServers(), "outage.events", "outage.commands");
        Outcomes outcomes = new Outcomes();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(4), outcomes)) {
            await().atMost(WAIT).until(() -> outcomes.finished.size() == 1);
            await().atMost(WAIT).until(() -> types(events("outage.events")).contains("model.stored"));
            broker.stop();
            try {
                daemon.announce(new WorkloadAnnouncement("mobilenetv2", 224, 224, Map.of()), "test");
                await().atMost(WAIT).until(() -> outcomes.finished.size() == 2);
            } finally {
                broker.start();
            }
            await().atMost(WAIT).until(() -> indexOfChangeTo(events("outage.events"), "mobilenetv2") >= 0
                    && types(events("outage.events")).stream().filter("model.stored"::equals).count() == 2);
            List<JsonNode> all = events("outage.events");
            List<String> ids = all.stream().map(e -> e.get("id").asText()).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), "no event delivered twice here");
            List<String> after = types(all.subList(indexOfChangeTo(all, "mobilenetv2"), all.size()));
            assertEquals("tuning.started", after.get(1));
            assertEquals(10, after.stream().filter("sample.measured"::equals).count(), "every sample arrived");
            assertEquals("model.stored", after.get(after.size() - 1), "in order");
        }
    }

    private static int indexOfChangeTo(List<JsonNode> events, String dnn) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.get("type").asText().endsWith("environment.changed")
                    && e.path("data").path("current").path("dnn").asText().equals(dnn)) {
                return i;
            }
        }
        return -1;
    }
}
