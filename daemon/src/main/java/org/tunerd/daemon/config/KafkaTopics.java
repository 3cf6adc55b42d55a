package org.tunerd.daemon.config;

import java.util.Objects;

/**
 * Kafka topic names.
 *
 * @param events   CloudEvents the daemon publishes (key = device id)
 * @param commands commands the daemon consumes
 * @param models   compacted topic of measured environments shared across a fleet
 */
public record KafkaTopics(String events, String commands, String models) {

    public KafkaTopics {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(models, "models");
    }
}
