package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.events.Bounded;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventJournal;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.kafka.KafkaClientSettings;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;

/**
 * Issue 11, defect 1, against a real broker: the hostile inputs that stopped Kafka delivery for good. An 869 KB
 * {@code policy.override} with 80,000 unknown keys now yields small rejection events (their problem lists are
 * bounded where they are made); an event the broker refuses as too large costs one {@code event.dead-lettered}
 * event. Every event behind them is delivered.
 */
class OversizedEventsOverKafkaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

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

    @Test
    void anOverrideWith80000UnknownKeysIsRejectedWithBoundedEventsAndDeliveryGoesOn() throws Exception {
        TunerConfig base = new ConfigLoader().defaults();
        KafkaSettings kafka = new KafkaSettings(true, broker.bootstrapServers(), "board-big",
                new KafkaTopics("big.events", "big.commands", "big.models"), Map.of(), false);
        TunerConfig config = new TunerConfig("board-big", base.device(),
                new WorkloadSettings("xception", 400, 400, Map.of(), Optional.empty(), 0, 1, Duration.ZERO,
                        Optional.empty()),
                new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(8), base.policy().constraints()),
                base.retune(), kafka, new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir.resolve("state"), base.store().similarity()));
        Topics.create(broker.bootstrapServers(), "big.events", "big.commands");
        List<TuningOutcome> finished = new CopyOnWriteArrayList<>();
        try (Daemon daemon = Daemon.start(config, Optional.empty(), SimulatedDevice.tx2(3), new TuningListener() {
            @Override
            public void finished(TuningOutcome outcome) {
                finished.add(outcome);
            }
        })) {
            await().atMost(WAIT).until(() -> finished.size() == 1);
            await().atMost(WAIT).until(() -> types(events("big.events")).contains("model.stored"));
            await().atMost(WAIT).until(() -> Topics.hasCommittedPosition(broker.bootstrapServers(),
                    "tunerd-commands-board-big", "big.commands"));

            StringBuilder keys = new StringBuilder("{");
            for (int i = 0; i < 80_000; i++) {
                keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
            }
            String hostile = Commands.cloudEvent("policy.override", keys.append('}').toString());
            assertTrue(hostile.length() > 800_000, "about the 869 KB of the hostile test: " + hostile.length());
            Topics.send(broker.bootstrapServers(), "big.commands", "board-big", hostile);
            Topics.send(broker.bootstrapServers(), "big.commands", "board-big",
                    Commands.cloudEvent("policy.override", "{\"budget\": 9}"));

            await().atMost(WAIT).until(() -> types(events("big.events")).contains("policy.reloaded"));
            List<JsonNode> all = events("big.events");
            List<String> types = types(all);
            // the rejections are bounded where they are made: 20 problems and the count of the rest
            JsonNode policyRejected = all.stream().filter(e -> e.get("type").asText().endsWith("policy.rejected"))
                    .findFirst().orElseThrow().path("data");
            assertEquals(Bounded.MAX_ITEMS, policyRejected.path("problems").size(), policyRejected.toString());
            assertEquals(80_000, Bounded.MAX_ITEMS + policyRejected.path("problemsOmitted").asInt());
            JsonNode commandRejected = all.stream().filter(e -> e.get("type").asText().endsWith("command.rejected"))
                    .findFirst().orElseThrow().path("data");
            assertEquals("policy.override", commandRejected.path("commandType").asText());
            assertEquals(80_000, Bounded.MAX_ITEMS + commandRejected.path("problemsOmitted").asInt());
            assertTrue(types.indexOf("policy.reloaded") > types.indexOf("command.rejected"), types.toString());
            assertEquals(List.of(), all.stream().filter(e -> e.get("type").asText().endsWith("event.dead-lettered"))
                    .toList(), "nothing had to be set aside");
            for (ConsumerRecord<String, String> r : Topics.readAll(broker.bootstrapServers(), "big.events")) {
                assertTrue(r.value().length() < 20_000, "every record is small: " + r.value().length());
            }
            assertEquals(9, daemon.tuner().view().config().policy().budget().count(),
                    "the valid override behind it applied");
            Path deadLetters = config.store().journal().resolve(EventJournal.DEAD_LETTER_FILE);
            assertTrue(!Files.exists(deadLetters) || Files.readAllLines(deadLetters).isEmpty());
        }
    }

    @Test
    void anEventTheBrokerRefusesAsTooLargeIsDeadLetteredAndTheOnesBehindItArrive() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-refused")
                .withTopics("refused-events", "refused-commands", "refused-models");
        // the topic takes at most 20,000 bytes a record; the publisher's own bound (256 KiB) lets 50 KB through
        Topics.create(k.bootstrapServers(), k.eventsTopic(), Map.of("max.message.bytes", "20000"));
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-refused", dir), Optional.of(k))) {
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 0));
            TunerEvent big = p.publish(EventType.MODEL_FITTED, Map.of("n", -1, "pad", "x".repeat(50_000)));
            assertEquals(EventType.MODEL_FITTED, big.type(), "under the publisher's bound");
            for (int i = 1; i <= 5; i++) {
                p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i));
            }
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() ->
                    types(events(k.eventsTopic())).contains("event.dead-lettered")
                            && events(k.eventsTopic()).stream().filter(e -> e.path("data").path("n").asInt() == 5).count() > 0);
            List<JsonNode> all = events(k.eventsTopic());
            assertTrue(all.stream().noneMatch(e -> e.path("data").path("n").asInt() == -1), "the big one never arrives");
            List<Integer> ns = all.stream().filter(e -> e.get("type").asText().endsWith("sample.measured"))
                    .map(e -> e.path("data").path("n").asInt()).distinct().toList();
            assertEquals(List.of(0, 1, 2, 3, 4, 5), ns);
            JsonNode notice = all.stream().filter(e -> e.get("type").asText().endsWith("event.dead-lettered"))
                    .findFirst().orElseThrow();
            assertEquals(big.id().toString(), notice.path("data").path("eventId").asText());
            assertTrue(notice.path("data").path("reason").asText().contains("too large"), notice.toString());
            await().atMost(WAIT).until(() -> p.status().undeliveredBytes() == 0);
            assertEquals(1, p.status().deadLettered());
            assertEquals(big, EventCodec.decode(Files.readAllLines(dir.resolve(EventJournal.DEAD_LETTER_FILE)).get(0)
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }
}
