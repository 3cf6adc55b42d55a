package org.tunerd.daemon.events;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the publisher stands (for health checks and metrics).
 *
 * @param kafkaConfigured       whether a transport delivers the journal
 * @param published             events accepted by {@code publish}
 * @param journaled             events the journal thread has handled (written, or dropped when writing failed)
 * @param dropped               events lost: the in-memory queue was full, the publisher had closed, or the journal
 *                              could not be written (a full disk)
 * @param undeliveredBytes      journal bytes waiting for delivery
 * @param undeliveredEvents     events journaled and not yet delivered (0 without Kafka)
 * @param lastError             the last delivery error while it persists, or, while a delivery waits for its
 *                              acknowledgement longer than a working broker takes, what it waits on (a short
 *                              outage the producer rides out); empty once delivery works again
 * @param deadLettered          events set aside in the dead-letter file because they were too large for the bound or
 *                              for the broker
 * @param skipped               journal lines that could not be read back (dead-lettered and skipped)
 * @param consecutiveFailures   delivery attempts that failed in a row; 0 after a success
 * @param oldestUndeliveredAge  how old the oldest event waiting for delivery is; empty when none waits (or without
 *                              Kafka)
 * @param stuck                 whether the oldest undelivered event has waited longer than the publisher's
 *                              {@link EventSettings#stuckAfter()}: delivery is not keeping up, or not working
 */
public record DeliveryStatus(boolean kafkaConfigured, long published, long journaled, long dropped,
                             long undeliveredBytes, long undeliveredEvents, Optional<String> lastError,
                             long deadLettered, long skipped, int consecutiveFailures,
                             Optional<Duration> oldestUndeliveredAge, boolean stuck) {

    /** One line for a health check: "ok", or what is wrong. */
    public String summary() {
        if (!kafkaConfigured) {
            return "ok: journal only (Kafka not configured), " + dropped + " dropped";
        }
        String counts = undeliveredEvents + " events (" + undeliveredBytes + " bytes) undelivered, " + dropped
                + " dropped, " + deadLettered + " dead-lettered, " + skipped + " unreadable skipped";
        if (stuck) {
            return "stuck: oldest undelivered event waits for " + oldestUndeliveredAge.map(Duration::toString).orElse("?")
                    + ", " + consecutiveFailures + " failures in a row" + lastError.map(e -> " (" + e + ")").orElse("")
                    + "; " + counts;
        }
        return (lastError.isPresent() ? "retrying: " + lastError.get() : "ok") + "; " + counts;
    }
}
