package org.tunerd.daemon.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    @Test
    void producerIsIdempotentWithAcksAllAndClientPropertiesPassThrough() {
        KafkaClientSettings s = KafkaClientSettings.of("broker:9093", "tunerd-tx2").withProperties(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/tunerd/ca.p12", "linger.ms", "50", "request.timeout.ms", "9000",
                "max.poll.records", "10"));
        Properties p = s.producer("events");
        assertEquals("all", p.get("acks"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("tunerd-tx2-events", p.get("client.id"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("/etc/tunerd/ca.p12", s.consumer("commands", "g").get("ssl.truststore.location"));
        assertEquals("false", s.consumer("commands", "g").get("enable.auto.commit"));
        assertEquals("tunerd.events", s.eventsTopic());
        assertFalse(s.toString().contains("SCRAM"), "property values are not printed: " + s);
        assertEquals("50", p.get("linger.ms"), "a pass-through property overrides tunerd's default");
        assertEquals("9000", s.admin("a").get("request.timeout.ms"));
        assertEquals("10", s.consumer("commands", "g").get("max.poll.records"), "consumer property to the consumer");
        assertFalse(p.containsKey("max.poll.records"), "... and not to the producer, which does not know it");
        assertFalse(s.admin("a").containsKey("linger.ms"));
    }

    @Test
    void rejectsReservedAndUnknownPassThroughAndBadTopics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of("b:1", "c").withProperties(Map.of("acks", "0")));
        assertTrue(e.getMessage().contains("kafka.properties.acks: is set by tunerd"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of("b:1", "c").withProperties(Map.of("linger.msec", "5")));
        assertTrue(e.getMessage().contains("kafka.properties.linger.msec: is not a Kafka client property"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of("b:1", "c").withTopics("ok", "bad topic", "m"));
        assertTrue(e.getMessage().contains("kafka.topics.commands"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KafkaClientSettings.of(" ", "c"));
        assertTrue(e.getMessage().contains("bootstrapServers"), e.getMessage());
    }
}
