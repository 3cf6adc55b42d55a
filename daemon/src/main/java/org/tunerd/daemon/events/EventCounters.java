package org.tunerd.daemon.events;

import java.util.concurrent.atomic.AtomicLong;

/** What the publisher's parts count since start, for {@link DeliveryStatus} and the metrics. Thread-safe. */
final class EventCounters {

    /** Events accepted by {@code publish} and queued. */
    final AtomicLong published = new AtomicLong();
    /** Events lost: queue full, published after close, or not journaled (a full disk). */
    final AtomicLong dropped = new AtomicLong();
    /** Events set aside in the dead-letter file: over the bound, or refused by the broker as too large. */
    final AtomicLong deadLettered = new AtomicLong();
    /** Journal lines that could not be read back (dead-lettered and skipped). */
    final AtomicLong skipped = new AtomicLong();
    /** Failed delivery attempts (each failed batch counts once; it is retried from the journal). */
    final AtomicLong deliveryErrors = new AtomicLong();
}
