package org.tunerd.daemon.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Issue 11.13: during an outage shorter than the producer's delivery timeout the send neither succeeds nor
 * fails; the delivery status must still carry the error while it lasts, and drop it once Kafka acknowledges.
 * A {@link MockProducer} that does not acknowledge until told stands for the broker that does not answer.
 */
class KafkaShortOutageTest {

    @TempDir
    Path dir;

    @Test
    void anAcknowledgementThatDoesNotComeIsTheLastErrorUntilItComes() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
        KafkaEventTransport transport = new KafkaEventTransport(KafkaClientSettings.of("127.0.0.1:9", "tunerd-short"),
                Map.of(), properties -> {
                    MockProducer<String, byte[]> m = new MockProducer<>(false, null, new StringSerializer(),
                            new ByteArraySerializer());
                    producers.add(m);
                    return m;
                }, clock);
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), transport, clock)) {
            // one event: two could go out as one batch or two, as the journal and delivery threads meet
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 1));
            MockProducer<String, byte[]> producer = producers.get(0);
            await().atMost(Duration.ofSeconds(60)).until(() -> producer.history().size() == 1);
            assertEquals(Optional.empty(), p.status().lastError(), "an ordinary wait for the broker is no error");
            assertEquals(1, p.status().undeliveredEvents());

            clock.advance(KafkaEventTransport.ACK_OVERDUE.plusSeconds(7));
            String error = await().atMost(Duration.ofSeconds(60))
                    .until(() -> p.status().lastError(), Optional::isPresent).orElseThrow();
            assertTrue(error.startsWith("no acknowledgement from kafka 127.0.0.1:9 topic tunerd.events for 12 s"),
                    error);
            assertTrue(error.contains("1 event in flight"), error);
            DeliveryStatus during = p.status();
            assertTrue(during.summary().startsWith("retrying: no acknowledgement"), during.summary());
            assertEquals(1, during.undeliveredEvents());
            assertEquals(1, producers.size(), "the send was not given up: the producer rides the outage out");

            assertTrue(producer.completeNext());
            await().atMost(Duration.ofSeconds(60)).until(() -> p.status().undeliveredEvents() == 0
                    && p.status().lastError().isEmpty());
            assertEquals(0, p.status().undeliveredBytes());
        }
    }
}
