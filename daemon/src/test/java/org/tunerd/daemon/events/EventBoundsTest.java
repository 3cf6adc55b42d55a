package org.tunerd.daemon.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a caller publishes can stop delivery: oversized events, lines an older version journaled too long to
 * read, unreadable lines, events the broker refuses as too large; and a delivery that does not progress says so.
 */
class EventBoundsTest {

    @TempDir
    Path dir;

    /** What the hostile test sent: a policy override with 80,000 unknown keys, and the rejection listing each. */
    private static Map<String, Object> rejectionOf80000Keys() {
        List<String> problems = IntStream.range(0, 80_000).mapToObj(i -> "policy.unknown" + i + ": unknown key").toList();
        return Map.of("file", "command", "cause", "override", "problems", problems, "kept", "last good configuration");
    }

    @Test
    void anEventOverTheBoundIsReplacedAndTheOriginalKept() throws Exception {
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), t)) {
            TunerEvent sent = p.publish(EventType.POLICY_REJECTED, rejectionOf80000Keys());
            assertEquals(EventType.EVENT_DEAD_LETTERED, sent.type());
            assertEquals("policy.rejected", sent.data().get("eventType").asText());
            long bytes = sent.data().get("bytes").asLong();
            assertTrue(bytes > EventSettings.DEFAULT_MAX_EVENT_BYTES, sent.data().toString());
            for (int i = 0; i < 5; i++) {
                p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> t.acknowledged.size() == 6);
            assertEquals(EventType.EVENT_DEAD_LETTERED, t.types().get(0));
            assertEquals(List.of(0, 1, 2, 3, 4), t.acknowledged.subList(1, 6).stream()
                    .map(e -> e.data().get("n").asInt()).toList());
            assertEquals(1, p.status().deadLettered());
            for (String line : Files.readAllLines(dir.resolve(EventJournal.FILE))) {
                assertTrue(line.length() <= p.maxEventBytes());
            }
            List<String> kept = Files.readAllLines(dir.resolve(EventJournal.DEAD_LETTER_FILE));
            assertEquals(1, kept.size());
            TunerEvent original = EventCodec.decode(kept.get(0).getBytes(StandardCharsets.UTF_8));
            assertEquals(sent.data().get("eventId").asText(), original.id().toString());
            assertEquals(80_000, original.data().get("problems").size());
            assertEquals(bytes, kept.get(0).getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void theBoundFollowsTheTransportsLimit() throws Exception {
        FakeTransport small = new FakeTransport() {
            @Override
            public int maxEventBytes() {
                return 5000;
            }
        };
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), small)) {
            assertEquals(5000, p.maxEventBytes());
            assertEquals(EventType.EVENT_DEAD_LETTERED, p.publish(EventType.MODEL_FITTED, Map.of("x", "y".repeat(6000)))
                    .type());
            assertEquals(EventType.MODEL_FITTED, p.publish(EventType.MODEL_FITTED, Map.of("x", "y".repeat(100))).type());
        }
    }

    @Test
    void aJournalLineTooLongToReadIsSkippedCountedAndKept() throws Exception {
        // a journal an older tunerd left: a 2 MiB event between two small ones, all undelivered
        TunerEvent before = new TunerEvent(UUID.randomUUID(), EventType.TUNING_STARTED, Instant.now(), "dev-1",
                Json.MAPPER.valueToTree(Map.of("n", 0)));
        TunerEvent huge = new TunerEvent(UUID.randomUUID(), EventType.POLICY_REJECTED, Instant.now(), "dev-1",
                Json.MAPPER.valueToTree(Map.of("problems", "p".repeat(2 << 20))));
        TunerEvent after = new TunerEvent(UUID.randomUUID(), EventType.TUNING_VERIFIED, Instant.now(), "dev-1",
                Json.MAPPER.valueToTree(Map.of("n", 1)));
        Path journal = dir.resolve(EventJournal.FILE);
        for (TunerEvent e : List.of(before, huge, after)) {
            Files.write(journal, EventCodec.encode(e), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.write(journal, new byte[] {'\n'}, StandardOpenOption.APPEND);
        }
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), t)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> t.acknowledged.size() == 3);
            assertEquals(List.of(EventType.TUNING_STARTED, EventType.TUNING_VERIFIED, EventType.EVENT_DEAD_LETTERED),
                    t.types());
            TunerEvent notice = t.acknowledged.get(2);
            assertEquals(huge.id().toString(), notice.data().get("eventId").asText(), "named from the line's head");
            assertEquals("org.tunerd.policy.rejected", notice.data().get("eventType").asText());
            assertEquals(1, p.status().skipped());
            await().atMost(Duration.ofSeconds(10)).until(() -> p.status().undeliveredBytes() == 0);
        }
        assertEquals(huge, EventCodec.decode(Files.readAllLines(dir.resolve(EventJournal.DEAD_LETTER_FILE)).get(0)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnreadableLineIsSkippedAndCounted() throws Exception {
        Files.writeString(dir.resolve(EventJournal.FILE), "{\"not\": \"a cloud event\"}\n");
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), t)) {
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> t.acknowledged.size() == 2);
            // the two race: the delivery thread may skip the line before the journal thread writes the sample
            assertEquals(java.util.Set.of(EventType.SAMPLE_MEASURED, EventType.EVENT_DEAD_LETTERED),
                    java.util.Set.copyOf(t.types()));
            TunerEvent deadLettered = t.acknowledged.stream()
                    .filter(e -> e.type() == EventType.EVENT_DEAD_LETTERED).findFirst().orElseThrow();
            assertEquals("unknown", deadLettered.data().get("eventId").asText());
            assertEquals(1, p.status().skipped());
        }
    }

    @Test
    void anEventTheBrokerRefusesAsTooLargeDoesNotBlockTheOnesBehindIt() throws Exception {
        FakeTransport t = new FakeTransport();
        try (EventPublisher p = EventPublisher.start(new EventSettings("dev-1", dir, false, 1 << 20), t)) {
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 0));
            TunerEvent refused = p.publish(EventType.MODEL_FITTED, Map.of("tooLarge", true));
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> t.acknowledged.size() == 3);
            assertEquals(List.of(EventType.SAMPLE_MEASURED, EventType.SAMPLE_MEASURED, EventType.EVENT_DEAD_LETTERED),
                    t.types());
            assertEquals(refused.id().toString(), t.acknowledged.get(2).data().get("eventId").asText());
            assertEquals(1, p.status().deadLettered());
            assertEquals(refused, EventCodec.decode(Files.readAllLines(dir.resolve(EventJournal.DEAD_LETTER_FILE))
                    .get(0).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void deliveryThatMakesNoProgressIsReportedStuck() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        FakeTransport t = new FakeTransport();
        t.up.set(false);
        EventSettings settings = new EventSettings("dev-1", dir, false, 1 << 20).withStuckAfter(Duration.ofMinutes(3));
        try (EventPublisher p = EventPublisher.start(settings, t, clock)) {
            p.publish(EventType.SAMPLE_MEASURED, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(20)).until(() -> p.status().consecutiveFailures() >= 2);
            assertFalse(p.status().stuck(), "a fresh failure is not stuck yet");
            assertTrue(p.status().oldestUndeliveredAge().isPresent());
            clock.advance(Duration.ofMinutes(4));
            DeliveryStatus stuck = p.status();
            assertTrue(stuck.stuck(), stuck.toString());
            assertTrue(stuck.oldestUndeliveredAge().orElseThrow().compareTo(Duration.ofMinutes(4)) >= 0);
            assertTrue(stuck.summary().startsWith("stuck"), stuck.summary());
            t.up.set(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> !p.status().stuck() && p.status().undeliveredBytes() == 0);
            assertEquals(0, p.status().consecutiveFailures());
            assertTrue(p.status().oldestUndeliveredAge().isEmpty());
        }
    }
}
