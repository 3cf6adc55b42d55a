package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.commands.Command;
import org.tunerd.daemon.commands.CommandConsumer;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventJournal;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.KafkaEventTransport;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/** Events published while the broker is down are journaled and arrive, in order, once it is back. */
class KafkaOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private static List<Integer> sequence(KafkaClientSettings k) throws Exception {
        return sequence(k, "tx2-outage");
    }

    private static List<Integer> sequence(KafkaClientSettings k, String device) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : Topics.readAll(k.bootstrapServers(), k.eventsTopic())) {
            TunerEvent e = EventCodec.decode(r.value().getBytes(StandardCharsets.UTF_8));
            assertEquals(device, r.key());
            out.add(e.data().get("n").asInt());
        }
        return out;
    }

    @Test
    void eventsPublishedWhileTheBrokerIsDownArriveInOrderAfterItReturns() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-outage");
        Topics.create(k.bootstrapServers(), k.eventsTopic());
        int total = 40;
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-outage", dir), Optional.of(k))) {
            p.publish(EventType.TUNING_STARTED, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> sequence(k).size() == 1);

            broker.stop();
            for (int i = 1; i < total; i++) {
                p.publish(i % 2 == 0 ? EventType.SAMPLE_MEASURED : EventType.MODEL_FITTED, Map.of("n", i));
            }
            assertTrue(p.awaitJournaled(Duration.ofSeconds(30)));
            List<String> journal = Files.readAllLines(dir.resolve(EventJournal.FILE));
            assertEquals(total, journal.size(), "every event is in the journal while Kafka is down");
            assertTrue(p.status().undeliveredBytes() > 0, "nothing acknowledged while the broker is down");

            broker.start();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> new LinkedHashSet<>(sequence(k)).size() == total);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.status().undeliveredBytes() == 0);
        }
        List<Integer> seq = sequence(k);
        List<Integer> firstSeen = new ArrayList<>(new LinkedHashSet<>(seq));
        for (int i = 0; i < total; i++) {
            assertEquals(i, firstSeen.get(i), "order of first arrival: " + seq);
        }
        assertTrue(seq.size() >= total);
    }

    @Test
    void eventsLeftUndeliveredAtShutdownAreDeliveredByTheNextRun() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-restart")
                .withTopics("restart-events", "restart-commands", "restart-models");
        Topics.create(k.bootstrapServers(), k.eventsTopic());
        broker.stop();
        try {
            try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-restart", dir), Optional.of(k))) {
                for (int i = 0; i < 10; i++) {
                    p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i));
                }
                assertTrue(p.awaitJournaled(Duration.ofSeconds(30)));
            }
            long pending = Files.size(dir.resolve(EventJournal.FILE));
            assertEquals("0", Files.exists(dir.resolve(EventJournal.OFFSET_FILE))
                    ? Files.readString(dir.resolve(EventJournal.OFFSET_FILE)).trim() : "0");
            assertTrue(pending > 0);
        } finally {
            broker.start();
        }
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-restart", dir), Optional.of(k))) {
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 10));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> new LinkedHashSet<>(sequence(k, "tx2-restart")).size() == 11);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.status().undeliveredBytes() == 0);
        }
        List<Integer> firstSeen = new ArrayList<>(new LinkedHashSet<>(sequence(k, "tx2-restart")));
        for (int i = 0; i <= 10; i++) {
            assertEquals(i, firstSeen.get(i), "order of first arrival: " + firstSeen);
        }
    }

    @Test
    void theCommandConsumerSurvivesABrokerRestart() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-survivor")
                .withTopics("survivor-events", "survivor-commands", "survivor-models");
        Topics.create(k.bootstrapServers(), k.eventsTopic(), k.commandsTopic());
        List<Command> received = new CopyOnWriteArrayList<>();
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-survivor", dir), Optional.of(k));
             CommandConsumer c = CommandConsumer.start(k, "tx2-survivor", received::add, p)) {
            await().atMost(Duration.ofSeconds(60)).until(c::isReady);
            broker.stop();
            Thread.sleep(2_000); // the consumer polls against a dead broker for a while
            broker.start();
            Topics.send(k.bootstrapServers(), k.commandsTopic(), "tx2-survivor",
                    "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"urn:test\","
                            + "\"type\":\"retune\"}");
            await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == 1);
            assertTrue(received.get(0) instanceof Command.Retune);
        }
    }

    @Test
    void anOutageLongerThanTheDeliveryTimeoutIsRetriedFromTheJournal() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-long")
                .withTopics("long-events", "long-commands", "long-models");
        Topics.create(k.bootstrapServers(), k.eventsTopic());
        KafkaEventTransport transport = new KafkaEventTransport(k, Map.of("delivery.timeout.ms", "2000",
                "request.timeout.ms", "1000", "max.block.ms", "1000"));
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-long", dir), transport)) {
            p.publish(EventType.TUNING_STARTED, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> sequence(k, "tx2-long").size() == 1);
            broker.stop();
            try {
                for (int i = 1; i < 20; i++) {
                    p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i));
                }
                // the producer gives up on the batch: the publisher reports it and keeps the events journaled
                await().atMost(Duration.ofSeconds(60)).until(() -> p.status().lastError().isPresent());
                assertTrue(p.status().undeliveredBytes() > 0);
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> new LinkedHashSet<>(sequence(k, "tx2-long")).size() == 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.status().undeliveredBytes() == 0
                    && p.status().lastError().isEmpty());
        }
        List<Integer> firstSeen = new ArrayList<>(new LinkedHashSet<>(sequence(k, "tx2-long")));
        for (int i = 0; i < 20; i++) {
            assertEquals(i, firstSeen.get(i), "order of first arrival: " + firstSeen);
        }
    }
}
