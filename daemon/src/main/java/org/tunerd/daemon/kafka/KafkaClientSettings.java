package org.tunerd.daemon.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How the daemon reaches Kafka: brokers, client id, the three topics, and pass-through security
 * properties ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) so TLS and SASL are configurable.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param clientId         client id prefix; producers and consumers append their role
 * @param eventsTopic      where events are published (key = device id)
 * @param commandsTopic    where commands are consumed (key = device id, or none for every device)
 * @param modelsTopic      compacted topic for fleet sharing (key = environment id)
 * @param security         {@code security.protocol}, {@code ssl.*} and {@code sasl.*} client properties
 */
public record KafkaClientSettings(String bootstrapServers, String clientId, String eventsTopic, String commandsTopic,
                            String modelsTopic, Map<String, String> security) {

    public static final String DEFAULT_EVENTS_TOPIC = "tunerd.events";
    public static final String DEFAULT_COMMANDS_TOPIC = "tunerd.commands";
    public static final String DEFAULT_MODELS_TOPIC = "tunerd.models";

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public KafkaClientSettings {
        requireText(bootstrapServers, "kafka.bootstrapServers");
        requireText(clientId, "kafka.clientId");
        requireTopic(eventsTopic, "kafka.topics.events");
        requireTopic(commandsTopic, "kafka.topics.commands");
        requireTopic(modelsTopic, "kafka.topics.models");
        Objects.requireNonNull(security, "kafka.security");
        for (Map.Entry<String, String> e : security.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "kafka.security key");
            if (!key.equals("security.protocol") && !key.startsWith("ssl.") && !key.startsWith("sasl.")) {
                throw new IllegalArgumentException("kafka.security." + key
                        + ": only security.protocol, ssl.* and sasl.* client properties may be passed through");
            }
            Objects.requireNonNull(e.getValue(), () -> "kafka.security." + key + " has no value");
        }
        security = Map.copyOf(security);
    }

    /** Settings with the default topic names and no security properties. */
    public static KafkaClientSettings of(String bootstrapServers, String clientId) {
        return new KafkaClientSettings(bootstrapServers, clientId, DEFAULT_EVENTS_TOPIC, DEFAULT_COMMANDS_TOPIC,
                DEFAULT_MODELS_TOPIC, Map.of());
    }

    /** A copy with other topic names. */
    public KafkaClientSettings withTopics(String events, String commands, String models) {
        return new KafkaClientSettings(bootstrapServers, clientId, events, commands, models, security);
    }

    /** A copy with these security properties. */
    public KafkaClientSettings withSecurity(Map<String, String> properties) {
        return new KafkaClientSettings(bootstrapServers, clientId, eventsTopic, commandsTopic, modelsTopic, properties);
    }

    /** Properties every client shares: brokers, {@code client.id = <clientId>-<role>}, security. */
    public Properties common(String role) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId + "-" + role);
        p.put("reconnect.backoff.ms", "200");
        p.put("reconnect.backoff.max.ms", "5000");
        new TreeMap<>(security).forEach(p::put);
        return p;
    }

    /** An idempotent producer with {@code acks=all}; callers add serializers. */
    public Properties producer(String role) {
        Properties p = common(role);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("linger.ms", "5");
        return p;
    }

    /** A consumer that commits manually and reads only committed records; callers add deserializers. */
    public Properties consumer(String role, String groupId) {
        Properties p = common(role);
        if (groupId != null) {
            p.put("group.id", groupId);
        }
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        return p;
    }

    /** An admin client. */
    public Properties admin(String role) {
        return common(role);
    }

    /** Without security values, which may be secrets. */
    @Override
    public String toString() {
        return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", topics="
                + eventsTopic + "/" + commandsTopic + "/" + modelsTopic + ", security=" + new TreeMap<>(security).keySet() + "]";
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireTopic(String value, String field) {
        if (value == null || !TOPIC.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": '" + value
                    + "' is not a valid topic name (1-249 of a-z A-Z 0-9 . _ -)");
        }
    }
}
