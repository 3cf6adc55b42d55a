package org.tunerd.daemon.fleet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.Json;
import org.tunerd.daemon.events.TunerEvent;

/** Fleet sharing against Kafka's MockProducer and MockConsumer: what is published, imported and skipped. */
class FleetShareTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "tunerd.models";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final List<SharedEnvironment> received = new CopyOnWriteArrayList<>();
    private long nextOffset;

    private static ObjectNode document(String id, int measurements) {
        ObjectNode doc = Json.MAPPER.createObjectNode().put("formatVersion", 1).put("id", id);
        doc.putArray("measurements");
        doc.put("size", measurements);
        return doc;
    }

    private static byte[] shared(String fromDevice, String environmentId, ObjectNode document) {
        return EventCodec.encode(TunerEvent.of(new EventPayload.EnvironmentShared(environmentId, document),
                Instant.parse("2026-11-22T00:00:00Z"), fromDevice));
    }

    private FleetShare start(long recordsOnTheTopic) {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, recordsOnTheTopic));
        return FleetShare.start(producer, consumer, (topic, running) -> { }, TOPIC, "tx2-a", received::add);
    }

    private void record(String key, byte[] value) {
        long offset = nextOffset++;
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value)));
    }

    @Test
    void importsOtherDevicesEnvironmentsAndSkipsOwnTombstonesAndGarbage() {
        try (FleetShare fleet = start(6)) {
            record("tx2_resnet_224x224", shared("tx2-b", "tx2_resnet_224x224", document("tx2_resnet_224x224", 30)));
            record("tx2_mine_224x224", shared("tx2-a", "tx2_mine_224x224", document("tx2_mine_224x224", 3)));
            record("tx2_gone_224x224", null);
            record("tx2_bad", "{not a cloud event".getBytes(StandardCharsets.UTF_8));
            record("tx2_other_key", shared("tx2-b", "tx2_resnet_224x224", document("tx2_resnet_224x224", 1)));
            record("tx2_xception_600x600", shared("tx2-c", "tx2_xception_600x600", document("tx2_xception_600x600", 768)));
            await().atMost(WAIT).until(() -> fleet.isCaughtUp() && received.size() == 2);
            assertEquals("tx2_resnet_224x224", received.get(0).environmentId());
            assertEquals("tx2-b", received.get(0).originDeviceId());
            assertEquals(30, received.get(0).document().get("size").asInt());
            assertEquals("tunerd.models[0]@0", received.get(0).origin());
            assertEquals("tx2-c", received.get(1).originDeviceId());
        }
        assertTrue(consumer.closed());
        assertTrue(producer.closed());
    }

    @Test
    void publishesAnEnvironmentSharedEventKeyedByEnvironment() throws Exception {
        try (FleetShare fleet = start(0)) {
            fleet.publish("tx2_xception_600x600", document("tx2_xception_600x600", 768)).get(30, TimeUnit.SECONDS);
            assertThrows(IllegalArgumentException.class, () -> fleet.publish(" ", document("x", 1)));
        }
        ProducerRecord<String, byte[]> r = producer.history().get(0);
        assertEquals(TOPIC, r.topic());
        assertEquals("tx2_xception_600x600", r.key());
        assertEquals("application/cloudevents+json",
                new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        TunerEvent event = EventCodec.decode(r.value());
        assertEquals(EventType.ENVIRONMENT_SHARED, event.type());
        assertEquals("tx2-a", event.deviceId());
        assertEquals(java.util.Optional.of("tx2_xception_600x600"), event.subject());
        EventPayload.EnvironmentShared payload = event.payload(EventPayload.EnvironmentShared.class);
        assertEquals(768, payload.document().get("size").asInt());
    }
}
