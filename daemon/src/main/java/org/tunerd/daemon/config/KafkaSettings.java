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

    /**
     * Client properties whose values are shown in clear by {@code GET /policy} and in logs: settings that name a
     * mechanism, a protocol, a file or a timing, never a credential. Every other property's value is shown as
     * {@code ***}, since a client property can carry a secret under a name no pattern foresees
     * ({@code basic.auth.user.info}, {@code sasl.oauthbearer.client.credentials.client.secret}, ...).
     */
    public static final java.util.Set<String> SHOWN_IN_CLEAR = java.util.Set.of(
            "security.protocol", "sasl.mechanism", "sasl.kerberos.service.name", "ssl.protocol",
            "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm", "ssl.truststore.type",
            "ssl.truststore.location", "ssl.keystore.type", "ssl.keystore.location", "ssl.cipher.suites",
            "client.dns.lookup", "request.timeout.ms", "delivery.timeout.ms", "max.block.ms", "linger.ms",
            "max.request.size", "compression.type", "metadata.max.age.ms", "reconnect.backoff.ms",
            "reconnect.backoff.max.ms", "retry.backoff.ms", "session.timeout.ms", "connections.max.idle.ms");

    /** Whether a property's value may be shown: only those of {@link #SHOWN_IN_CLEAR}. */
    public static boolean shownInClear(String propertyName) {
        return SHOWN_IN_CLEAR.contains(propertyName);
    }

    /** Hides the values of every property not known to be safe to show. */
    @Override
    public String toString() {
        java.util.TreeMap<String, String> shown = new java.util.TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, shownInClear(k) ? v : "***"));
        return "KafkaSettings[enabled=" + enabled + ", bootstrapServers=" + bootstrapServers + ", clientId=" + clientId
                + ", topics=" + topics + ", properties=" + shown + ", fleetSharing=" + fleetSharing + "]";
    }
}
