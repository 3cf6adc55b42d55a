package org.tunerd.daemon.commands;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.MutableClock;

/** Issue 11 point 12: a command id is applied once; a stale command is refused; a restart remembers the ids. */
class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration AHEAD = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private static CommandMeta meta(String id, Optional<Instant> time) {
        return new CommandMeta(id, URI.create("urn:ops:console"), time, "tunerd.commands[0]@1");
    }

    @Test
    void anIdIsAdmittedOnceAndStaleOrFutureTimesAreRefused() {
        MutableClock clock = new MutableClock(T0);
        ReplayGuard guard = new ReplayGuard(Optional.of(dir.resolve("commands-seen.json")), clock, WINDOW, AHEAD);
        assertEquals(Optional.empty(), guard.admit(meta("c-1", Optional.of(T0.minusSeconds(5)))));
        String duplicate = guard.admit(meta("c-1", Optional.of(T0.minusSeconds(5)))).orElseThrow();
        assertTrue(duplicate.startsWith("duplicate: command c-1 from urn:ops:console"), duplicate);
        assertEquals(Optional.empty(), guard.admit(new CommandMeta("c-1", URI.create("urn:ops:other"),
                Optional.of(T0), "x")), "ids are unique per source, as in CloudEvents");

        String stale = guard.admit(meta("c-2", Optional.of(T0.minus(WINDOW).minusSeconds(1)))).orElseThrow();
        assertTrue(stale.startsWith("stale: command c-2 was sent at 2026-12-02T11:49:59Z"), stale);
        String ahead = guard.admit(meta("c-3", Optional.of(T0.plus(AHEAD).plusSeconds(1)))).orElseThrow();
        assertTrue(ahead.contains("ahead of this device's clock"), ahead);

        // after the window, the replay of c-1 is refused by its time; a timeless command is remembered as long
        assertEquals(Optional.empty(), guard.admit(meta("c-4", Optional.empty())));
        clock.advance(WINDOW.plusMinutes(1));
        assertTrue(guard.admit(meta("c-1", Optional.of(T0.minusSeconds(5)))).orElseThrow().startsWith("stale"));
    }

    @Test
    void theIdsSurviveARestart() throws Exception {
        MutableClock clock = new MutableClock(T0);
        Path file = dir.resolve("commands-seen.json");
        assertEquals(Optional.empty(), new ReplayGuard(Optional.of(file), clock, WINDOW, AHEAD)
                .admit(meta("c-1", Optional.of(T0))));
        clock.advance(Duration.ofMinutes(2));
        ReplayGuard restarted = new ReplayGuard(Optional.of(file), clock, WINDOW, AHEAD);
        assertTrue(restarted.admit(meta("c-1", Optional.of(T0))).orElseThrow().startsWith("duplicate"));

        Files.writeString(file, "{broken");
        ReplayGuard afterCorruption = new ReplayGuard(Optional.of(file), clock, WINDOW, AHEAD);
        assertEquals(Optional.empty(), afterCorruption.admit(meta("c-9", Optional.of(T0))), "starts afresh");
        try (var kept = Files.list(dir)) {
            assertEquals(1, kept.filter(p -> p.getFileName().toString().startsWith("commands-seen.json.corrupt-")).count());
        }
    }

    @Test
    void theConsumerAppliesARedeliveredCommandOnceAndRejectsTheCopy() {
        String topic = "tunerd.commands";
        TopicPartition tp = new TopicPartition(topic, 0);
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
        List<Command> handled = new CopyOnWriteArrayList<>();
        List<EventPayload.CommandRejected> rejected = new CopyOnWriteArrayList<>();
        kafka.updateBeginningOffsets(Map.of(tp, 0L));
        kafka.updateEndOffsets(Map.of(tp, 0L));
        Instant now = Instant.now();
        ReplayGuard guard = new ReplayGuard(Optional.of(dir.resolve("commands-seen.json")), Clock.systemUTC(),
                WINDOW, AHEAD);
        byte[] retune = ("{\"specversion\":\"1.0\",\"id\":\"op-1\",\"source\":\"urn:ops:console\",\"type\":\"retune\","
                + "\"time\":\"" + now + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
        byte[] old = ("{\"specversion\":\"1.0\",\"id\":\"op-2\",\"source\":\"urn:ops:console\",\"type\":\"retune\","
                + "\"time\":\"" + now.minus(Duration.ofDays(1)) + "\",\"data\":{}}").getBytes(StandardCharsets.UTF_8);
        try (CommandConsumer consumer = CommandConsumer.start(kafka, topic, "tx2-a", handled::add, guard, rejected::add)) {
            kafka.schedulePollTask(() -> kafka.rebalance(List.of(tp)));
            await().atMost(Duration.ofSeconds(60)).until(consumer::isReady);
            kafka.schedulePollTask(() -> {
                kafka.addRecord(new ConsumerRecord<>(topic, 0, 0, "tx2-a", retune));
                kafka.addRecord(new ConsumerRecord<>(topic, 0, 1, "tx2-a", retune)); // the same command again
                kafka.addRecord(new ConsumerRecord<>(topic, 0, 2, null, old));
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> rejected.size() == 2);
        }
        assertEquals(1, handled.size(), "applied once");
        assertEquals("op-1", handled.get(0).meta().id());
        assertTrue(rejected.get(0).reason().startsWith("duplicate: command op-1"), rejected.get(0).reason());
        assertEquals(Optional.of("op-1"), rejected.get(0).commandId());
        assertEquals(1L, rejected.get(0).offset().getAsLong());
        assertTrue(rejected.get(1).reason().startsWith("stale: command op-2"), rejected.get(1).reason());
    }
}
