package org.tunerd.daemon.events;

import java.util.Optional;

/**
 * Where the publisher stands (for health checks and metrics).
 *
 * @param kafkaConfigured  whether a transport delivers the journal
 * @param published        events accepted by {@code publish}
 * @param journaled        events written to the journal
 * @param dropped          events refused because the in-memory queue was full or the publisher closed
 * @param undeliveredBytes journal bytes waiting for delivery
 * @param lastError        the last delivery error while it persists; empty once delivery works again
 */
public record DeliveryStatus(boolean kafkaConfigured, long published, long journaled, long dropped,
                             long undeliveredBytes, Optional<String> lastError) {
}
