package org.tunerd.daemon.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the tuning session in progress has come.
 *
 * @param sessionId identifier of the session
 * @param measured  measurements taken
 * @param planned   measurements planned
 * @param sourceId  stored environment transferred from (the primary one); empty for a cold start
 * @param extraSourceIds further stored environments the models transfer from, nearest first
 * @param origin    who announced the environment ({@code startup}: the configuration file's workload; {@code http},
 *                  {@code kafka}, {@code file})
 * @param resumedFrom when the checkpoint of the interrupted session this one continues was written (a restart,
 *                  or its environment announced again); empty for a fresh session
 */
public record SessionProgress(String sessionId, int measured, int planned, Optional<String> sourceId,
                              List<String> extraSourceIds, String origin, Optional<java.time.Instant> resumedFrom) {

    public SessionProgress {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(sourceId, "sourceId");
        extraSourceIds = List.copyOf(extraSourceIds);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(resumedFrom, "resumedFrom");
    }
}
