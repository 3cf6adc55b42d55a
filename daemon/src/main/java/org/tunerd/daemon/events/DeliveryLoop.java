package org.tunerd.daemon.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;

/**
 * The delivery side of the publisher: one thread ({@code tunerd-events-delivery}) ships undelivered journal
 * lines to the transport in order, in batches, and moves the journal offset after each acknowledgement. A
 * failed batch is retried from the journal with a doubling back-off (at most {@value #MAX_BACKOFF_MS} ms). No
 * line stops delivery: one the broker refuses as too large, or one that cannot be read back, is dead-lettered,
 * gone past, and announced by an {@code event.dead-lettered} event; the lines before it are delivered first.
 */
final class DeliveryLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final int BATCH = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final EventJournal journal;
    private final EventTransport transport;
    private final EventCounters counters;
    private final DeliveryHealth health;
    private final EventBound bound;
    private final Consumer<TunerEvent> publish;
    private final Thread thread;
    private volatile boolean stopping;

    /** {@code publish} publishes the {@code event.dead-lettered} events this loop makes. */
    DeliveryLoop(EventJournal journal, EventTransport transport, EventCounters counters, DeliveryHealth health,
                 EventBound bound, Consumer<TunerEvent> publish) {
        this.journal = journal;
        this.transport = transport;
        this.counters = counters;
        this.health = health;
        this.bound = bound;
        this.publish = publish;
        this.thread = new Thread(this::run, "tunerd-events-delivery");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Gives delivery up to five seconds to catch up (unless it is failing), stops the thread and closes the
     * transport. What is still undelivered stays in the journal.
     */
    void stop() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (journal.undeliveredBytes() > 0 && health.lastError().isEmpty() && System.nanoTime() < deadline) {
            Interruptibly.sleep(20);
        }
        stopping = true;
        Interruptibly.join(thread, 2_000);
        if (thread.isAlive()) {
            thread.interrupt(); // blocked waiting for Kafka acknowledgements
            Interruptibly.join(thread, 10_000);
        }
        transport.close();
    }

    private void run() {
        long backoff = 250;
        while (!stopping) {
            try {
                if (!journal.awaitUndelivered(200)) {
                    health.idle();
                    continue;
                }
                if (deliverBatch()) {
                    backoff = 250;
                } else {
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) { // the delivery thread must outlive any one failure
                counters.deliveryErrors.incrementAndGet();
                health.crashed(e);
                Interruptibly.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** Delivers (or goes past) the next undelivered lines; false when the attempt failed and is to be retried. */
    private boolean deliverBatch() throws InterruptedException {
        List<EventJournal.Entry> entries = journal.undelivered(BATCH);
        List<TunerEvent> events = new ArrayList<>(entries.size());
        List<byte[]> lines = new ArrayList<>(entries.size());
        List<EventJournal.Entry> sent = new ArrayList<>(entries.size());
        for (EventJournal.Entry en : entries) {
            Optional<String> unreadable = Optional.empty();
            if (!en.complete()) {
                unreadable = Optional.of("the line is " + en.length() + " bytes, longer than the journal reads ("
                        + EventJournal.MAX_LINE_BYTES + ")");
            } else {
                try {
                    events.add(EventCodec.decode(en.line()));
                    lines.add(en.line());
                    sent.add(en);
                } catch (EventFormatException ex) {
                    unreadable = Optional.of("unreadable: " + ex.getMessage());
                }
            }
            if (unreadable.isPresent()) {
                if (sent.isEmpty()) {
                    skipUnreadable(en, unreadable.get());
                }
                break; // deliver what precedes it first, then skip it on the next round
            }
        }
        if (events.isEmpty()) {
            return true;
        }
        health.sending(events.get(0).time()); // the first undelivered line is the oldest
        try {
            transport.send(events, lines);
            journal.delivered(sent.get(sent.size() - 1));
            health.delivered();
            return true;
        } catch (DeliveryException ex) {
            counters.deliveryErrors.incrementAndGet();
            if (ex.acknowledged() > 0) {
                journal.delivered(sent.get(ex.acknowledged() - 1));
            }
            if (ex.tooLarge() && ex.acknowledged() < sent.size()) {
                deadLetterRefused(events.get(ex.acknowledged()), sent.get(ex.acknowledged()), ex);
                return true;
            }
            health.failed(ex.getMessage(), journal.path());
            return false;
        }
    }

    /** Sets aside an event the broker refused as too large, goes past it and says so in an event. */
    private void deadLetterRefused(TunerEvent refused, EventJournal.Entry entry, DeliveryException ex) {
        journal.deadLetter(entry);
        journal.delivered(entry);
        counters.deadLettered.incrementAndGet();
        LOG.warn("events: {} {} ({} bytes) refused as too large by {}: dead-lettered to {}: {}", refused.type(),
                refused.id(), entry.length(), transport.describe(), journal.deadLetterPath(), ex.getMessage());
        publish.accept(bound.deadLettered(refused.id().toString(), refused.type().shortName(), entry.length(),
                "refused as too large by " + transport.describe() + ": " + ex.getMessage()));
        health.delivered();
    }

    /** Sets an undeliverable journal line aside (dead-letter file), goes past it and says so in an event. */
    private void skipUnreadable(EventJournal.Entry entry, String why) {
        LOG.error("event journal {} offset {}: {}; dead-lettered to {} and skipped", journal.path(), entry.start(), why,
                journal.deadLetterPath());
        journal.deadLetter(entry);
        journal.delivered(entry);
        counters.skipped.incrementAndGet();
        CloudEventHead head = CloudEventHead.of(entry.line());
        publish.accept(bound.deadLettered(head.id().orElse("unknown"), head.type().orElse("unknown"), entry.length(),
                "journal line " + why));
    }
}
