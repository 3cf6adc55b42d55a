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
 * @param properties       further client properties, passed to each Kafka client that knows them (TLS, SASL,
 *                         timeouts, ...); see {@link org.tunerd.daemon.kafka.KafkaClientSettings#RESERVED}
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

    /** Hides the values of properties whose names suggest secrets. */
    @Override
    public String toString() {
        java.util.TreeMap<String, String> shown = new java.util.TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "***" : v));
        return "KafkaSettings[enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", clientId=" + clientId
                + ", topics=" + topics + ", properties=" + shown + ", fleetSharing=" + fleetSharing + "]";
    }

    /** True for property names that carry secrets (passwords, keys, JAAS configuration, tokens). */
    public static boolean isSecret(String propertyName) {
        String k = propertyName.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.endsWith(".key") || k.contains("credentials");
    }
}
