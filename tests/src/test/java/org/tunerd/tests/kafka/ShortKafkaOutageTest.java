package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Issue 11.13 against a real broker: an outage shorter than the producer's delivery timeout (two minutes by
 * default) never fails a send, yet the delivery status names it while it lasts and forgets it once the broker
 * is back and has acknowledged the backlog.
 */
class ShortKafkaOutageTest {

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void aShortOutageIsTheLastErrorWhileItLastsAndNotAfter() throws Exception {
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-short")
                .withTopics("short-events", "short-commands", "short-models");
        Topics.create(k.bootstrapServers(), k.eventsTopic());
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-short", dir), Optional.of(k))) {
            p.publish(EventType.TUNING_STARTED, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(60)).until(() -> Topics.readAll(k.bootstrapServers(), k.eventsTopic())
                    .size() == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> p.status().undeliveredEvents() == 0);

            broker.stop();
            try {
                p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 1));
                String error = await().atMost(Duration.ofSeconds(60))
                        .until(() -> p.status().lastError(), Optional::isPresent).orElseThrow();
                assertTrue(error.startsWith("no acknowledgement from kafka " + k.bootstrapServers()), error);
                DeliveryStatus during = p.status();
                assertEquals(1, during.undeliveredEvents());
                assertTrue(during.summary().startsWith("retrying: "), during.summary());
                assertEquals(0, p.deliveryErrors(), "the producer rides the outage out: no send failed");
            } finally {
                broker.start();
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> p.status().undeliveredEvents() == 0 && p.status().lastError().isEmpty());
            assertTrue(Topics.readAll(k.bootstrapServers(), k.eventsTopic()).size() >= 2, "the event of the outage arrived");
        }
    }
}
