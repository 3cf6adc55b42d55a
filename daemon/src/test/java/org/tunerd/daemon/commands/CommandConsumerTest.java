package org.tunerd.daemon.commands;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.events.Bounded;
import org.tunerd.daemon.events.EventPayload;

/** The command loop against Kafka's MockConsumer: what is handled, what is rejected, what is committed. */
class CommandConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "tunerd.commands";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> kafka = new MockConsumer<>("latest");
    private final List<Command> handled = new CopyOnWriteArrayList<>();
    private final List<EventPayload.CommandRejected> rejected = new CopyOnWriteArrayList<>();
    private long nextOffset;

    private static byte[] command(String type, String data) {
        return ("{\"specversion\":\"1.0\",\"id\":\"c-" + type + "\",\"source\":\"urn:ops:console\",\"type\":\"" + type
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Assigns the partition on the consumer thread, as a group rebalance would, and waits until it is ready. */
    private CommandConsumer start(CommandHandler handler) {
        kafka.updateBeginningOffsets(Map.of(TP, 0L));
        kafka.updateEndOffsets(Map.of(TP, 0L));
        CommandConsumer consumer = CommandConsumer.start(kafka, TOPIC, "tx2-a", handler, rejected::add);
        kafka.schedulePollTask(() -> kafka.rebalance(List.of(TP)));
        await().atMost(WAIT).until(consumer::isReady);
        return consumer;
    }

    private void send(String key, byte[] value) {
        long offset = nextOffset++;
        kafka.schedulePollTask(() -> kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value)));
    }

    @Test
    void handsOnCommandsForThisDeviceRejectsBadOnesAndCommitsAfterHandling() {
        try (CommandConsumer consumer = start(handled::add)) {
            send("tx2-a", command("retune", "{\"reason\":\"drift\"}"));
            send("tx2-b", command("retune", "{}"));                                  // another device's
            send(null, command("workload.announce", "{\"dnn\":\"resnet\",\"width\":224,\"height\":224}"));
            send("tx2-a", "{not json".getBytes(StandardCharsets.UTF_8));
            send("tx2-a", command("workload.announce", "{\"dnn\":\"resnet\"}"));
            await().atMost(WAIT).until(() -> handled.size() == 2 && rejected.size() == 2
                    && kafka.committed(Set.of(TP)).get(TP) != null && kafka.committed(Set.of(TP)).get(TP).offset() == 5);
        }
        assertEquals(Optional.of("drift"), ((Command.Retune) handled.get(0)).reason());
        assertEquals("resnet", ((Command.AnnounceWorkload) handled.get(1)).dnn());
        EventPayload.CommandRejected bad = rejected.get(0);
        assertTrue(bad.reason().contains("not a CloudEvent"), bad.reason());
        assertEquals("tunerd.commands[0]@3", bad.origin());
        assertEquals(3, bad.offset().getAsLong());
        assertEquals(Optional.empty(), bad.commandType(), "unparsable: no command named");
        assertTrue(rejected.get(1).reason().contains("'width' is missing"), rejected.get(1).reason());
        assertTrue(kafka.closed(), "the consumer is closed with the loop");
    }

    @Test
    void aRefusedCommandIsRejectedWithItsProblemsBounded() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            problems.add("policy.unknown" + i + ": unknown key");
        }
        try (CommandConsumer consumer = start(c -> {
            throw new CommandNotAppliedException("policy override rejected: 500 problems", problems);
        })) {
            send("tx2-a", command("policy.override", "{\"budget\":-1}"));
            await().atMost(WAIT).until(() -> rejected.size() == 1);
        }
        EventPayload.CommandRejected r = rejected.get(0);
        assertEquals("not applied: policy override rejected: 500 problems", r.reason());
        assertEquals(Optional.of("policy.override"), r.commandType());
        assertEquals(Optional.of("c-policy.override"), r.commandId());
        assertEquals(Bounded.MAX_ITEMS, r.problems().size());
        assertEquals(500 - Bounded.MAX_ITEMS, r.problemsOmitted());
    }

    @Test
    void theLoopOutlivesAFailedPollAndAHandlerThatThrows() {
        try (CommandConsumer consumer = start(c -> {
            if (c.type() == CommandType.RETUNE) {
                throw new IllegalStateException("no environment known yet");
            }
            handled.add(c);
        })) {
            kafka.setPollException(new KafkaException("broker gone"));
            send("tx2-a", command("retune", "{}"));
            send("tx2-a", command("configuration.release", "{}"));
            await().atMost(WAIT).until(() -> handled.size() == 1 && rejected.size() == 1);
        }
        assertEquals("not applied: no environment known yet", rejected.get(0).reason());
        assertEquals(CommandType.CONFIGURATION_RELEASE, handled.get(0).type());
    }
}
