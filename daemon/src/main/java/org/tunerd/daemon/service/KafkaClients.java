package org.tunerd.daemon.service;

import java.util.Optional;
import org.tunerd.daemon.config.KafkaSettings;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/** Turns the configured Kafka section into client settings; empty when Kafka is disabled. */
final class KafkaClients {

    private KafkaClients() {
    }

    static Optional<KafkaClientSettings> of(KafkaSettings kafka) {
        if (!kafka.enabled()) {
            return Optional.empty();
        }
        return Optional.of(KafkaClientSettings.of(kafka.bootstrapServers(), kafka.clientId())
                .withTopics(kafka.topics().events(), kafka.topics().commands(), kafka.topics().models())
                .withProperties(kafka.properties()));
    }
}
