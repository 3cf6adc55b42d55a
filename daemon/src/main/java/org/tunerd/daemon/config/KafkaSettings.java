package org.tunerd.daemon.config;

import java.util.Map;
import java.util.Objects;

/**
 * Kafka connection. Without Kafka the daemon journals events locally and logs them.
 *
 * @param enabled          connect to Kafka at all
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param clientId         client id prefix for the producer and consumer
 * @param topics           topic names
 * @param properties       further client properties passed through unchanged (security, SASL, TLS, ...)
 * @param fleetSharing     publish stored environments to the models topic and import other devices' ones
 */
public record KafkaSettings(boolean enabled, String bootstrapServers, String clientId, KafkaTopics topics,
                            Map<String, String> properties, boolean fleetSharing) {

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(topics, "topics");
        properties = Map.copyOf(properties);
    }
}
