package org.tunerd.daemon.events;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound on one event's JSON line: an event whose line is longer is replaced by a small
 * {@code event.dead-lettered} event naming its id, type and size, and its original line is kept for the
 * journal's dead-letter file. Also makes the {@code event.dead-lettered} events of the delivery side.
 */
final class EventBound {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final int maxEventBytes;
    private final String deviceId;
    private final String deadLetterFile;
    private final Clock clock;

    /** An event on its way to the journal, encoded; {@code deadLetter} is the original it replaces, if any. */
    record Pending(TunerEvent event, byte[] line, Optional<byte[]> deadLetter) {
    }

    EventBound(int maxEventBytes, String deviceId, String deadLetterFile, Clock clock) {
        this.maxEventBytes = maxEventBytes;
        this.deviceId = deviceId;
        this.deadLetterFile = deadLetterFile;
        this.clock = clock;
    }

    int maxEventBytes() {
        return maxEventBytes;
    }

    /** The event encoded, or, if its line is over the bound, the small event that replaces it. */
    Pending bounded(TunerEvent event) {
        byte[] line = EventCodec.encode(event);
        if (line.length <= maxEventBytes) {
            return new Pending(event, line, Optional.empty());
        }
        TunerEvent replacement = deadLettered(event.id().toString(), event.type().shortName(), line.length,
                "larger than the event size bound of " + maxEventBytes + " bytes");
        LOG.warn("event {} {} is {} bytes, over the bound of {}: dead-lettered to {}, replaced by {} {}", event.type(),
                event.id(), line.length, maxEventBytes, deadLetterFile, replacement.type(), replacement.id());
        return new Pending(replacement, EventCodec.encode(replacement), Optional.of(line));
    }

    /** The event saying that the event {@code id} of {@code type} ({@code bytes} long) went to the dead letters. */
    TunerEvent deadLettered(String id, String type, long bytes, String reason) {
        return TunerEvent.of(new EventPayload.EventDeadLettered(id, type, bytes, reason, deadLetterFile),
                clock.instant(), deviceId);
    }
}
