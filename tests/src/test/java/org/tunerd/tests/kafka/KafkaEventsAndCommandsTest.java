package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.commands.Command;
import org.tunerd.daemon.commands.CommandConsumer;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.fleet.FleetShare;
import org.tunerd.daemon.fleet.SharedEnvironment;
import org.tunerd.daemon.kafka.KafkaClientSettings;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/** Events, commands and fleet sharing against one real broker (topics are unique per test). */
class KafkaEventsAndCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    private static KafkaClientSettings settings(String clientId) {
        String s = UUID.randomUUID().toString().substring(0, 8);
        return KafkaClientSettings.of(broker.bootstrapServers(), clientId)
                .withTopics("events-" + s, "commands-" + s, "models-" + s);
    }

    private static List<TunerEvent> events(KafkaClientSettings k) throws Exception {
        List<TunerEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : Topics.readAll(k.bootstrapServers(), k.eventsTopic())) {
            TunerEvent e = EventCodec.decode(r.value().getBytes(StandardCharsets.UTF_8));
            assertEquals(e.deviceId(), r.key(), "key = device id");
            out.add(e);
        }
        return out;
    }

    @Test
    void eventsReachTheTopicAsCloudEventsKeyedByDevice() throws Exception {
        KafkaClientSettings k = settings("tunerd-a");
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-a", dir), Optional.of(k))) {
            p.publish(EventType.ENVIRONMENT_CHANGED, Map.of("dnn", "xception", "width", 600));
            p.publish(EventType.TUNING_STARTED, Map.of("budget", 20));
            p.publish(EventType.SAMPLE_MEASURED, Map.of("latency", 0.12));
            await().atMost(Duration.ofSeconds(60)).until(() -> events(k).size() == 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> p.status().undeliveredBytes() == 0);
        }
        List<ConsumerRecord<String, String>> raw = Topics.readAll(k.bootstrapServers(), k.eventsTopic());
        JsonNode first = JSON.readTree(raw.get(0).value());
        assertEquals("1.0", first.get("specversion").asText());
        assertEquals("org.tunerd.environment.changed", first.get("type").asText());
        assertEquals("urn:tunerd:tx2-a", first.get("source").asText());
        assertEquals("xception", first.get("data").get("dnn").asText());
        assertEquals("application/cloudevents+json",
                new String(raw.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals(List.of(EventType.ENVIRONMENT_CHANGED, EventType.TUNING_STARTED, EventType.SAMPLE_MEASURED),
                events(k).stream().map(TunerEvent::type).toList());
        assertTrue(raw.stream().allMatch(r -> r.key().equals("tx2-a")));
    }

    @Test
    void commandsAreDeliveredAndMalformedOnesRejected() throws Exception {
        KafkaClientSettings k = settings("tunerd-b");
        Topics.create(k.bootstrapServers(), k.commandsTopic(), k.eventsTopic());
        List<Command> received = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-b", dir), Optional.of(k));
             CommandConsumer c = CommandConsumer.start(k, "tx2-b", cmd -> {
                 threads.add(Thread.currentThread().getName());
                 if (cmd instanceof Command.OverridePolicy o && o.policy().has("objective")
                         && o.policy().get("objective").asText().equals("max-heat")) {
                     throw new IllegalArgumentException("policy.objective: unknown objective 'max-heat'");
                 }
                 received.add(cmd);
             }, p)) {
            await().atMost(Duration.ofSeconds(60)).until(c::isReady);
            String bs = k.bootstrapServers();
            String topic = k.commandsTopic();
            Topics.send(bs, topic, "tx2-b", "{this is not json");
            Topics.send(bs, topic, "tx2-b", Commands.cloudEvent("workload.announce", "{\"dnn\":\"resnet\",\"width\":224,\"height\":224}"));
            Topics.send(bs, topic, "other-device", Commands.cloudEvent("retune", "{}"));
            Topics.send(bs, topic, null, Commands.cloudEvent("org.tunerd.command.retune", "{\"reason\":\"fleet-wide\"}"));
            Topics.send(bs, topic, "tx2-b", Commands.cloudEvent("configuration.pin", "{\"configuration\":{\"cores\":2,\"emc_freq\":1.8E9}}"));
            Topics.send(bs, topic, "tx2-b", Commands.cloudEvent("policy.override", "{\"objective\":\"max-heat\"}"));
            Topics.send(bs, topic, "tx2-b", Commands.cloudEvent("workload.announce", "{\"dnn\":\"resnet\"}"));
            Topics.send(bs, topic, "tx2-b", Commands.cloudEvent("configuration.release", "{}"));

            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 4
                    && events(k).stream().filter(e -> e.type() == EventType.COMMAND_REJECTED).count() == 3);
        }
        Command.AnnounceWorkload w = (Command.AnnounceWorkload) received.get(0);
        assertEquals("resnet", w.dnn());
        assertEquals(224, w.width());
        assertEquals(Optional.of("fleet-wide"), ((Command.Retune) received.get(1)).reason());
        assertEquals(Configuration.of("cores", 2, "emc_freq", 1.8e9),
                ((Command.PinConfiguration) received.get(2)).request().in(new ConfigurationSpace(List.of(
                        Option.ordinal("cores", List.of(2.0)), Option.ordinal("emc_freq", List.of(1.8e9))))));
        assertTrue(received.get(3) instanceof Command.ReleasePin);
        assertTrue(threads.stream().allMatch("tunerd-commands"::equals), threads.toString());

        List<ObjectNode> rejections = events(k).stream().filter(e -> e.type() == EventType.COMMAND_REJECTED)
                .map(TunerEvent::data).toList();
        assertEquals(0, rejections.get(0).get("offset").asLong());
        assertTrue(rejections.get(0).get("reason").asText().contains("not a CloudEvent"), rejections.get(0).toString());
        assertEquals(5, rejections.get(1).get("offset").asLong());
        assertTrue(rejections.get(1).get("reason").asText().contains("unknown objective 'max-heat'"));
        assertEquals("policy.override", rejections.get(1).get("commandType").asText());
        assertEquals(6, rejections.get(2).get("offset").asLong());
        assertTrue(rejections.get(2).get("reason").asText().contains("'width' is missing"));
    }

    @Test
    void fleetSharingRoundTripOnACompactedTopic() throws Exception {
        KafkaClientSettings k = settings("tunerd-fleet");
        List<SharedEnvironment> atA = Collections.synchronizedList(new ArrayList<>());
        List<SharedEnvironment> atB = Collections.synchronizedList(new ArrayList<>());
        ObjectNode doc = JSON.createObjectNode();
        doc.put("formatVersion", 1).putObject("environment").put("dnn", "xception");
        doc.putArray("measurements").addObject().put("latency", 0.5);
        try (FleetShare a = FleetShare.start(k, "tx2-a", atA::add)) {
            a.publish("tx2_xception_600x600", doc).get(60, TimeUnit.SECONDS);
            a.publish("tx2_xception_600x600", doc.deepCopy().put("formatVersion", 2)).get(60, TimeUnit.SECONDS);
            try (FleetShare b = FleetShare.start(k, "tx2-b", atB::add)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> b.isCaughtUp() && atB.size() >= 2);
                assertEquals("tx2_xception_600x600", atB.get(0).environmentId());
                assertEquals("tx2-a", atB.get(0).originDeviceId());
                assertEquals(doc, atB.get(0).document());
                assertEquals(2, atB.get(atB.size() - 1).document().get("formatVersion").asInt());

                b.publish("tx2_resnet_224x224", doc).get(60, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(60)).until(() -> atA.size() == 1);
                assertEquals("tx2-b", atA.get(0).originDeviceId());
                assertEquals("tx2_resnet_224x224", atA.get(0).environmentId());
            }
            assertEquals(1, atA.size(), "a device does not import its own environments");
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", k.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, k.modelsTopic());
            Config config = admin.describeConfigs(List.of(res)).all().get(30, TimeUnit.SECONDS).get(res);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void aHandlerThatThrowsDoesNotStopTheConsumer() throws Exception {
        KafkaClientSettings k = settings("tunerd-c");
        Topics.create(k.bootstrapServers(), k.commandsTopic(), k.eventsTopic());
        AtomicInteger calls = new AtomicInteger();
        try (EventPublisher p = EventPublisher.start(EventSettings.of("tx2-c", dir), Optional.of(k));
             CommandConsumer c = CommandConsumer.start(k, "tx2-c", cmd -> {
                 if (calls.incrementAndGet() == 1) {
                     throw new NullPointerException("bug in handler");
                 }
             }, p)) {
            await().atMost(Duration.ofSeconds(60)).until(c::isReady);
            Topics.send(k.bootstrapServers(), k.commandsTopic(), "tx2-c", Commands.cloudEvent("retune", "{}"));
            Topics.send(k.bootstrapServers(), k.commandsTopic(), "tx2-c", Commands.cloudEvent("retune", "{}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() == 2
                    && events(k).stream().anyMatch(e -> e.type() == EventType.COMMAND_REJECTED));
            assertTrue(c.isReady());
        }
    }
}
