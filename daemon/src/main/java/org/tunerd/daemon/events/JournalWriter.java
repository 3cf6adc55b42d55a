package org.tunerd.daemon.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;

/**
 * The journal side of the publisher: one thread ({@code tunerd-events-journal}) takes queued events in batches,
 * keeps the originals of oversized ones in the dead-letter file, appends the lines to the journal, logs each
 * event and hands it to the subscribers. A batch that cannot be journaled (a full disk) is logged and counted
 * as dropped; the thread outlives any one failure.
 */
final class JournalWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /** Logger for the events themselves, so they can be routed separately. */
    private static final Logger EVENTS = LoggerFactory.getLogger("org.tunerd.events");
    static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 500;

    private final EventJournal journal;
    private final EventCounters counters;
    private final BlockingQueue<EventBound.Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<TunerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final Object journaledLock = new Object();
    private long journaled;
    private volatile boolean closing;
    private final Thread thread;

    JournalWriter(EventJournal journal, EventCounters counters) {
        this.journal = journal;
        this.counters = counters;
        this.thread = new Thread(this::writeLoop, "tunerd-events-journal");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues the event without blocking; false when the queue is full. */
    boolean offer(EventBound.Pending pending) {
        return queue.offer(pending);
    }

    AutoCloseable subscribe(Consumer<TunerEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Events handled so far (journaled, or dropped because the journal could not be written). */
    long journaled() {
        synchronized (journaledLock) {
            return journaled;
        }
    }

    /** Waits until {@code target} events were handled; false on timeout. */
    boolean awaitJournaled(long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (journaledLock) {
            while (journaled < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                journaledLock.wait(left);
            }
            return true;
        }
    }

    /** Journals what is queued, stops the thread, and journals what was queued meanwhile. */
    void finish() {
        closing = true;
        Interruptibly.join(thread, 10_000);
        List<EventBound.Pending> late = new ArrayList<>();
        queue.drainTo(late); // published while the writer was finishing
        if (!late.isEmpty()) {
            writeBatch(late);
        }
    }

    private void writeLoop() {
        List<EventBound.Pending> batch = new ArrayList<>();
        while (true) {
            try {
                EventBound.Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                writeBatch(batch);
            } catch (RuntimeException | Error e) { // the journal thread must outlive any one batch
                LOG.error("events: journaling {} events failed; they are lost", batch.size(), e);
                counters.dropped.addAndGet(batch.size());
                countJournaled(batch.size());
            }
            batch.clear();
        }
    }

    private void writeBatch(List<EventBound.Pending> batch) {
        for (EventBound.Pending p : batch) {
            p.deadLetter().ifPresent(original -> {
                try {
                    journal.deadLetter(original);
                    counters.deadLettered.incrementAndGet();
                } catch (RuntimeException ex) {
                    LOG.error("events: cannot keep the oversized original of {} {}: {}", p.event().type(),
                            p.event().id(), ex.getMessage());
                }
            });
        }
        List<byte[]> lines = new ArrayList<>(batch.size());
        for (EventBound.Pending p : batch) {
            lines.add(p.line());
        }
        try {
            journal.append(lines);
        } catch (RuntimeException ex) {
            counters.dropped.addAndGet(batch.size());
            LOG.error("events: cannot journal {} events ({}); they are only logged", batch.size(), ex.getMessage());
        }
        for (EventBound.Pending p : batch) {
            TunerEvent e = p.event();
            log(e);
            for (Consumer<TunerEvent> s : subscribers) {
                try {
                    s.accept(e);
                } catch (RuntimeException ex) {
                    LOG.error("event subscriber failed on {} {}", e.type(), e.id(), ex);
                }
            }
        }
        countJournaled(batch.size());
    }

    private void countJournaled(int n) {
        synchronized (journaledLock) {
            journaled += n;
            journaledLock.notifyAll();
        }
    }

    private static void log(TunerEvent e) {
        switch (e.type()) {
            case TUNING_FAILED, POLICY_REJECTED, COMMAND_REJECTED, SENSOR_MISSING, EVENT_DEAD_LETTERED ->
                    EVENTS.warn("{} {}", e.type(), e.data());
            default -> EVENTS.debug("{} {}", e.type(), e.data()); // the journal and Kafka carry them; the console shows them with --verbose
        }
    }
}
