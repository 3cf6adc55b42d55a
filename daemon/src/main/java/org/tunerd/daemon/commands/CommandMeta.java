package org.tunerd.daemon.commands;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a command came from.
 *
 * @param id     the CloudEvents id
 * @param source the CloudEvents source (who sent it)
 * @param time   when it was sent, if the sender said
 * @param origin where it was read, e.g. {@code tunerd.commands[0]@42} or {@code http}
 */
public record CommandMeta(String id, URI source, Optional<Instant> time, String origin) {

    public CommandMeta {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(origin, "origin");
    }

    /** Metadata for a command made inside the daemon (HTTP API, CLI): a fresh id, now. */
    public static CommandMeta local(String origin) {
        return new CommandMeta(UUID.randomUUID().toString(), URI.create("urn:tunerd:local:" + origin),
                Optional.of(Instant.now()), origin);
    }
}
