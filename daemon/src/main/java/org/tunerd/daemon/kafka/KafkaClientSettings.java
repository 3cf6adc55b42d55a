package org.tunerd.daemon.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How the daemon reaches Kafka: brokers, client id, the three topics, and pass-through client properties
 * (TLS, SASL, timeouts, ...). Each pass-through property goes to the clients that know it (producer,
 * consumer, admin) and overrides tunerd's defaults there, except the {@link #RESERVED} ones delivery
 * guarantees depend on.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param clientId         client id prefix; producers and consumers append their role
 * @param eventsTopic      where events are published (key = device id)
 * @param commandsTopic    where commands are consumed (key = device id, or none for every device)
 * @param modelsTopic      compacted topic for fleet sharing (key = environment id)
 * @param properties       further Kafka client properties, passed through (none of {@link #RESERVED})
 */
public record KafkaClientSettings(String bootstrapServers, String clientId, String eventsTopic, String commandsTopic,
                            String modelsTopic, Map<String, String> properties) {

    /**
     * Properties tunerd sets itself: addressing, the (de)serializers, and what at-least-once ordered delivery
     * of events and read-committed, manually committed commands depend on.
     */
    public static final Set<String> RESERVED = Set.of("bootstrap.servers", "client.id", "key.serializer",
            "value.serializer", "key.deserializer", "value.deserializer", "acks", "enable.idempotence",
            "max.in.flight.requests.per.connection", "group.id", "enable.auto.commit", "isolation.level");

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
        Objects.requireNonNull(properties, "kafka.properties");
        Map<String, String> problems = problems(properties);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw new IllegalArgumentException("kafka.properties." + first.getKey() + ": " + first.getValue());
        }
        properties.forEach((k, v) -> Objects.requireNonNull(v, () -> "kafka.properties." + k + " has no value"));
        properties = Map.copyOf(properties);
    }

    /** What is wrong with pass-through {@code properties}, by property name; empty if nothing. */
    public static Map<String, String> problems(Map<String, String> properties) {
        Map<String, String> problems = new LinkedHashMap<>();
        new TreeMap<>(properties).keySet().forEach(key -> {
            if (RESERVED.contains(key)) {
                problems.put(key, "is set by tunerd itself and may not be overridden");
            } else if (!ProducerConfig.configNames().contains(key) && !ConsumerConfig.configNames().contains(key)
                    && !AdminClientConfig.configNames().contains(key)) {
                problems.put(key, "is not a Kafka client property (producer, consumer or admin)");
            }
        });
        return problems;
    }

    /** Settings with the default topic names and no pass-through properties. */
    public static KafkaClientSettings of(String bootstrapServers, String clientId) {
        return new KafkaClientSettings(bootstrapServers, clientId, DEFAULT_EVENTS_TOPIC, DEFAULT_COMMANDS_TOPIC,
                DEFAULT_MODELS_TOPIC, Map.of());
    }

    /** A copy with other topic names. */
    public KafkaClientSettings withTopics(String events, String commands, String models) {
        return new KafkaClientSettings(bootstrapServers, clientId, events, commands, models, properties);
    }

    /** A copy with these pass-through client properties. */
    public KafkaClientSettings withProperties(Map<String, String> passThrough) {
        return new KafkaClientSettings(bootstrapServers, clientId, eventsTopic, commandsTopic, modelsTopic, passThrough);
    }

    /**
     * tunerd's defaults for every client, then the pass-through properties the client knows
     * ({@code known}), then brokers and {@code client.id = <clientId>-<role>}.
     */
    private Properties common(String role, Set<String> known) {
        Properties p = new Properties();
        p.put("reconnect.backoff.ms", "200");
        p.put("reconnect.backoff.max.ms", "5000");
        new TreeMap<>(properties).forEach((k, v) -> {
            if (known.contains(k)) {
                p.put(k, v);
            }
        });
        p.put("bootstrap.servers", bootstrapServers);
        p.put("client.id", clientId + "-" + role);
        return p;
    }

    /** An idempotent producer with {@code acks=all}; callers add serializers. */
    public Properties producer(String role) {
        Properties p = common(role, ProducerConfig.configNames());
        p.putIfAbsent("linger.ms", "5");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5");
        return p;
    }

    /** A consumer that commits manually and reads only committed records; callers add deserializers. */
    public Properties consumer(String role, String groupId) {
        Properties p = common(role, ConsumerConfig.configNames());
        if (groupId != null) {
            p.put("group.id", groupId);
        }
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        return p;
    }

    /** An admin client. */
    public Properties admin(String role) {
        return common(role, AdminClientConfig.configNames());
    }

    /** Without property values, which may be secrets. */
    @Override
    public String toString() {
        return "KafkaClientSettings[bootstrapServers=" + bootstrapServers + ", clientId=" + clientId + ", topics="
                + eventsTopic + "/" + commandsTopic + "/" + modelsTopic + ", properties="
                + new TreeMap<>(properties).keySet() + "]";
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
