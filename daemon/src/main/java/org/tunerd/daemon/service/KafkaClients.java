package org.tunerd.daemon.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.KafkaSettings;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/** Turns the configured Kafka section into client settings; empty when Kafka is disabled. */
final class KafkaClients {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    private KafkaClients() {
    }

    static Optional<KafkaClientSettings> of(KafkaSettings kafka) {
        if (!kafka.enabled()) {
            return Optional.empty();
        }
        Map<String, String> security = new LinkedHashMap<>();
        kafka.properties().forEach((k, v) -> {
            if (k.equals("security.protocol") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                security.put(k, v);
            } else {
                LOG.warn("kafka.properties.{}: only security.protocol, ssl.* and sasl.* are passed to the clients; "
                        + "this property is not used", k);
            }
        });
        return Optional.of(KafkaClientSettings.of(kafka.bootstrapServers(), kafka.clientId())
                .withTopics(kafka.topics().events(), kafka.topics().commands(), kafka.topics().models())
                .withSecurity(security));
    }
}
