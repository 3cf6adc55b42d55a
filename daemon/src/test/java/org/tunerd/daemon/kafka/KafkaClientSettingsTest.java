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
    void producerIsIdempotentWithAcksAllAndSecurityPassesThrough() {
        KafkaClientSettings s = KafkaClientSettings.of("broker:9093", "tunerd-tx2").withSecurity(Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/tunerd/ca.p12"));
        Properties p = s.producer("events");
        assertEquals("all", p.get("acks"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("tunerd-tx2-events", p.get("client.id"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("/etc/tunerd/ca.p12", s.consumer("commands", "g").get("ssl.truststore.location"));
        assertEquals("false", s.consumer("commands", "g").get("enable.auto.commit"));
        assertEquals("tunerd.events", s.eventsTopic());
        assertFalse(s.toString().contains("SCRAM"), "security values are not printed: " + s);
    }

    @Test
    void rejectsNonSecurityPassThroughAndBadTopics() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of("b:1", "c").withSecurity(Map.of("acks", "0")));
        assertTrue(e.getMessage().contains("kafka.security.acks"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> KafkaClientSettings.of("b:1", "c").withTopics("ok", "bad topic", "m"));
        assertTrue(e.getMessage().contains("kafka.topics.commands"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KafkaClientSettings.of(" ", "c"));
        assertTrue(e.getMessage().contains("bootstrapServers"), e.getMessage());
    }
}
