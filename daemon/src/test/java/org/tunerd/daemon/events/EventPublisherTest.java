package org.tunerd.daemon.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPublisherTest {

    @TempDir
    Path dir;

    record Sample(String option, double value, Optional<String> note) {
    }

    @Test
    void deliversInOrderAfterAnOutageWithNothingLost() throws Exception {
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), t)) {
            p.publish(EventType.TUNING_STARTED, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> t.acknowledged.size() == 1);
            t.up.set(false);
            for (int i = 1; i <= 50; i++) {
                p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> p.status().lastError().isPresent());
            assertTrue(p.status().undeliveredBytes() > 0);
            t.up.set(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> t.acknowledged.size() >= 51);
            List<Integer> ns = t.acknowledged.stream().map(e -> e.data().get("n").asInt()).toList();
            for (int i = 0; i < ns.size(); i++) {
                assertEquals(i, ns.get(i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> p.status().undeliveredBytes() == 0
                    && p.status().lastError().isEmpty());
        }
    }

    @Test
    void undeliveredEventsAreDeliveredByTheNextRun() throws Exception {
        FakeTransport down = new FakeTransport();
        down.up.set(false);
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), down)) {
            p.publish(EventType.MODEL_STORED, Map.of("env", "a"));
            p.publish(EventType.MODEL_STORED, Map.of("env", "b"));
            assertTrue(p.awaitJournaled(Duration.ofSeconds(10)));
        }
        FakeTransport up = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), up)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> up.acknowledged.size() == 2);
            assertEquals("a", up.acknowledged.get(0).data().get("env").asText());
            assertEquals("b", up.acknowledged.get(1).data().get("env").asText());
        }
    }

    @Test
    void withoutKafkaEventsAreJournaledAndSubscribersSeeThem() throws Exception {
        List<TunerEvent> seen = Collections.synchronizedList(new ArrayList<>());
        try (EventPublisher p = EventPublisher.start(EventSettings.of("dev-2", dir), Optional.empty())) {
            p.subscribe(seen::add);
            TunerEvent e = p.publish(EventType.SAMPLE_MEASURED, new Sample("cores", 4, Optional.of("warm")));
            assertTrue(p.awaitJournaled(Duration.ofSeconds(10)));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            assertEquals(e, seen.get(0));
            assertEquals("warm", e.data().get("note").asText());
            assertEquals(4.0, e.data().get("value").asDouble());
            assertEquals(false, p.status().kafkaConfigured());
        }
        List<String> lines = Files.readAllLines(dir.resolve(EventJournal.FILE));
        assertEquals(1, lines.size());
        assertEquals(EventType.SAMPLE_MEASURED, EventCodec.decode(lines.get(0).getBytes()).type());
    }

    @Test
    void nonObjectDataIsWrappedAndUnconvertibleDataFailsAtOnce() throws Exception {
        try (EventPublisher p = EventPublisher.start(EventSettings.of("dev-3", dir), Optional.empty())) {
            assertEquals("boom", p.publish(EventType.TUNING_FAILED, "boom").data().get("value").asText());
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> p.publish(EventType.MODEL_FITTED, new Object() {
                        public Object getSelf() {
                            return this;
                        }
                    }));
            assertTrue(ex.getMessage().contains("cannot be converted"), ex.getMessage());
        }
    }

    @Test
    void nonFiniteNumbersBecomeNullSoTheJournalStaysValidJson() throws Exception {
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-4", dir, false, 1 << 20), t)) {
            TunerEvent e = p.publish(EventType.SAMPLE_MEASURED,
                    Map.of("latency", 0.2, "energy", Double.NaN, "list", List.of(1.0, Double.POSITIVE_INFINITY)));
            assertTrue(e.data().get("energy").isNull());
            assertTrue(e.data().get("list").get(1).isNull());
            await().atMost(Duration.ofSeconds(10)).until(() -> t.acknowledged.size() == 1);
            assertEquals(e, t.acknowledged.get(0));
        }
    }
}
