package org.tunerd.daemon.events;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How delivery is going, as the delivery thread and the transport tell it: the last delivery error while it
 * persists, the failures in a row, and since when the oldest undelivered event waits. The error is the last
 * failed attempt's, or, while an attempt is still waiting for its acknowledgement, what the transport says
 * about that wait ({@link EventTransport#stalled()}): a short outage the producer rides out by retrying shows
 * as it happens, not only when a batch times out. Thread-safe.
 */
final class DeliveryHealth {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final EventTransport transport;
    private final Clock clock;
    private final Duration stuckAfter;
    /** Time of the oldest event the delivery thread has read but not yet seen acknowledged; null when none. */
    private volatile Instant oldestPending;
    private volatile int consecutiveFailures;
    private volatile String lastError;

    DeliveryHealth(EventTransport transport, Clock clock, Duration stuckAfter) {
        this.transport = transport;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** An attempt starts with {@code oldest} the time of its first event. */
    void sending(Instant oldest) {
        oldestPending = oldest;
    }

    /** Nothing waits for delivery. */
    void idle() {
        oldestPending = null;
    }

    /** An attempt failed with {@code message}; the first failure of a run says so in the log. */
    void failed(String message, Path journal) {
        consecutiveFailures++;
        if (lastError == null) {
            LOG.warn("events: {}; buffering in {} and retrying", message, journal);
        }
        lastError = message;
    }

    /** The delivery thread itself failed (a bug or a broken journal); logged with its cause. */
    void crashed(Throwable e) {
        consecutiveFailures++;
        LOG.error("events: delivery loop error, retrying", e);
        lastError = String.valueOf(e.getMessage());
    }

    /** An attempt succeeded: failures are over. */
    void delivered() {
        consecutiveFailures = 0;
        oldestPending = null;
        if (lastError != null) {
            LOG.info("events: delivery works again through {}", transport.describe());
            lastError = null;
        }
    }

    /** The last failed attempt's error, else what holds up the attempt in progress, if anything. */
    Optional<String> lastError() {
        return Optional.ofNullable(lastError).or(transport::stalled);
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How long the oldest undelivered event has waited, when {@code undeliveredBytes} says one waits. */
    Optional<Duration> oldestAge(long undeliveredBytes) {
        Instant oldest = oldestPending;
        if (undeliveredBytes <= 0 || oldest == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(oldest, clock.instant());
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    /** Whether an undelivered event has waited longer than the stuck time. */
    boolean stuck(Optional<Duration> oldestAge) {
        return oldestAge.map(a -> a.compareTo(stuckAfter) > 0).orElse(false);
    }
}
