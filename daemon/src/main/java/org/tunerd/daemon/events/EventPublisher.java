package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Publishes the daemon's events: to the log, to the local {@link EventJournal}, and from the journal to
 * Kafka in order, at least once, buffering in the journal while Kafka is unreachable.
 *
 * <p>{@link #publish} is thread-safe and does not block: it snapshots the data as JSON and queues the
 * event. One thread ({@code tunerd-events-journal}) writes the journal, logs and notifies subscribers;
 * another ({@code tunerd-events-delivery}) ships undelivered journal lines to the transport and moves the
 * journal offset after each acknowledgement.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /** Logger for the events themselves, so they can be routed separately. */
    private static final Logger EVENTS = LoggerFactory.getLogger("org.tunerd.events");
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BATCH = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final String deviceId;
    private final EventJournal journal;
    private final Optional<EventTransport> transport;
    private final BlockingQueue<TunerEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<TunerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong deliveryErrors = new AtomicLong();
    private final Object journaledLock = new Object();
    private long journaled;
    private volatile String lastError;
    private volatile boolean closing;
    private volatile boolean stopping;
    private final Thread writer;
    private final Thread delivery;

    private EventPublisher(EventSettings settings, Optional<EventTransport> transport) {
        this.deviceId = settings.deviceId();
        this.transport = transport;
        this.journal = new EventJournal(settings.journalDirectory(), settings.fsync(), settings.journalRotateBytes(),
                transport.isPresent());
        this.writer = new Thread(this::writeLoop, "tunerd-events-journal");
        this.delivery = transport.isPresent() ? new Thread(this::deliveryLoop, "tunerd-events-delivery") : null;
    }

    /**
     * Starts a publisher. With {@code kafka} empty, events go to the log and the journal only.
     */
    public static EventPublisher start(EventSettings settings, Optional<KafkaClientSettings> kafka) {
        return launch(settings, kafka.map(KafkaEventTransport::new));
    }

    /** Starts a publisher that delivers through {@code transport} (tests use a fake one). */
    public static EventPublisher start(EventSettings settings, EventTransport transport) {
        return launch(settings, Optional.of(transport));
    }

    private static EventPublisher launch(EventSettings settings, Optional<EventTransport> transport) {
        EventPublisher p = new EventPublisher(settings, transport);
        p.writer.setDaemon(true);
        p.writer.start();
        if (p.delivery != null) {
            p.delivery.setDaemon(true);
            p.delivery.start();
        }
        LOG.info("events: journal {}, delivery {}", p.journal.path(),
                p.transport.map(EventTransport::describe).orElse("none (Kafka not configured)"));
        if (p.journal.undeliveredBytes() > 0 && p.transport.isPresent()) {
            LOG.info("events: {} bytes left undelivered by the last run will be delivered first",
                    p.journal.undeliveredBytes());
        }
        return p;
    }

    /** This device's id (event source and Kafka key). */
    public String deviceId() {
        return deviceId;
    }

    /**
     * Publishes an event now, without blocking. {@code data} is converted to a JSON object at once (a
     * record, a map or a Jackson node; {@code null} = no data; a non-object value becomes
     * {@code {"value": ...}}; NaN and infinite numbers become {@code null}).
     *
     * @return the event as it will be journaled and delivered
     * @throws IllegalArgumentException if {@code data} cannot be converted to JSON
     */
    public TunerEvent publish(EventType type, Object data) {
        TunerEvent event = new TunerEvent(UUID.randomUUID(), type, Instant.now(), deviceId, toObject(data));
        publish(event);
        return event;
    }

    /** Publishes a ready-made event (its device id may differ, e.g. when relaying). */
    public void publish(TunerEvent event) {
        if (closing) {
            dropped.incrementAndGet();
            LOG.warn("event {} {} published after the publisher closed: not journaled: {}", event.type(), event.id(),
                    event.data());
            return;
        }
        published.incrementAndGet();
        if (!queue.offer(event)) {
            published.decrementAndGet();
            dropped.incrementAndGet();
            LOG.error("event queue full ({} events): dropping event {} {} {}", QUEUE_CAPACITY, event.type(),
                    event.id(), event.data());
        }
    }

    /**
     * Calls {@code subscriber} for every event after it was journaled, on the journal thread (keep it
     * short, never block). Closing the returned handle unsubscribes.
     */
    public AutoCloseable subscribe(Consumer<TunerEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Waits until every event published so far is in the journal; false on timeout. */
    public boolean awaitJournaled(Duration timeout) throws InterruptedException {
        long target = published.get();
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

    /** Counters and the current delivery error. */
    public DeliveryStatus status() {
        long j;
        synchronized (journaledLock) {
            j = journaled;
        }
        return new DeliveryStatus(transport.isPresent(), published.get(), j, dropped.get(),
                journal.undeliveredBytes(), Optional.ofNullable(lastError));
    }

    /** Failed delivery attempts since start (each failed batch counts once; it is retried from the journal). */
    public long deliveryErrors() {
        return deliveryErrors.get();
    }

    /** The journal file. */
    public java.nio.file.Path journalPath() {
        return journal.path();
    }

    /**
     * Journals what is queued, gives delivery up to five seconds to catch up, and stops both threads.
     * Whatever is still undelivered stays in the journal for the next start.
     */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        Interruptibly.join(writer, 10_000);
        List<TunerEvent> late = new ArrayList<>();
        queue.drainTo(late); // published while the writer was finishing
        if (!late.isEmpty()) {
            writeBatch(late);
        }
        if (delivery != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (journal.undeliveredBytes() > 0 && lastError == null && System.nanoTime() < deadline) {
                Interruptibly.sleep(20);
            }
            stopping = true;
            Interruptibly.join(delivery, 2_000);
            if (delivery.isAlive()) {
                delivery.interrupt(); // blocked waiting for Kafka acknowledgements
                Interruptibly.join(delivery, 10_000);
            }
            transport.ifPresent(EventTransport::close);
        }
        journal.close();
        long left = journal.undeliveredBytes();
        if (transport.isPresent() && left > 0) {
            LOG.warn("events: {} bytes undelivered at shutdown stay in {} and are delivered on the next start",
                    left, journal.path());
        }
    }

    private static ObjectNode toObject(Object data) {
        if (data == null) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.valueToTree(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event data of type " + data.getClass().getName()
                    + " cannot be converted to JSON: " + CloudEventJson.rootMessage(e), e);
        }
        node = finite(node);
        if (node instanceof ObjectNode o) {
            return o;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("value", node);
        return o;
    }

    /** NaN and infinities (e.g. energy without a sensor) become JSON null: JSON has no such numbers. */
    private static JsonNode finite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (node instanceof ObjectNode o) {
            o.fields().forEachRemaining(e -> e.setValue(finite(e.getValue())));
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, finite(a.get(i)));
            }
        }
        return node;
    }

    private void writeLoop() {
        List<TunerEvent> batch = new ArrayList<>();
        while (true) {
            try {
                TunerEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
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
            writeBatch(batch);
            batch.clear();
        }
    }

    private void writeBatch(List<TunerEvent> batch) {
        List<byte[]> lines = new ArrayList<>(batch.size());
        for (TunerEvent e : batch) {
            lines.add(EventCodec.encode(e));
        }
        try {
            journal.append(lines);
        } catch (RuntimeException ex) {
            LOG.error("events: cannot journal {} events ({}); they are only logged", batch.size(), ex.getMessage());
        }
        for (TunerEvent e : batch) {
            log(e);
            for (Consumer<TunerEvent> s : subscribers) {
                try {
                    s.accept(e);
                } catch (RuntimeException ex) {
                    LOG.error("event subscriber failed on {} {}", e.type(), e.id(), ex);
                }
            }
        }
        synchronized (journaledLock) {
            journaled += batch.size();
            journaledLock.notifyAll();
        }
    }

    private static void log(TunerEvent e) {
        switch (e.type()) {
            case TUNING_FAILED, POLICY_REJECTED, COMMAND_REJECTED, SENSOR_MISSING ->
                    EVENTS.warn("{} {}", e.type(), e.data());
            default -> EVENTS.debug("{} {}", e.type(), e.data()); // the journal and Kafka carry them; the console shows them with --verbose
        }
    }

    private void deliveryLoop() {
        EventTransport t = transport.orElseThrow();
        long backoff = 250;
        while (!stopping) {
            try {
                if (!journal.awaitUndelivered(200)) {
                    continue;
                }
                List<EventJournal.Entry> entries = journal.undelivered(BATCH);
                List<TunerEvent> events = new ArrayList<>(entries.size());
                List<byte[]> lines = new ArrayList<>(entries.size());
                List<EventJournal.Entry> sent = new ArrayList<>(entries.size());
                for (EventJournal.Entry en : entries) {
                    try {
                        events.add(EventCodec.decode(en.line()));
                        lines.add(en.line());
                        sent.add(en);
                    } catch (EventFormatException ex) {
                        LOG.error("event journal {} offset {}: unreadable line skipped: {}", journal.path(),
                                en.start(), ex.getMessage());
                        if (sent.isEmpty()) {
                            journal.delivered(en);
                        } else {
                            break; // deliver what precedes it first, then skip it on the next round
                        }
                    }
                }
                if (events.isEmpty()) {
                    continue;
                }
                try {
                    t.send(events, lines);
                    journal.delivered(sent.get(sent.size() - 1));
                    if (lastError != null) {
                        LOG.info("events: delivery works again through {}", t.describe());
                        lastError = null;
                    }
                    backoff = 250;
                } catch (DeliveryException ex) {
                    deliveryErrors.incrementAndGet();
                    if (ex.acknowledged() > 0) {
                        journal.delivered(sent.get(ex.acknowledged() - 1));
                    }
                    if (lastError == null) {
                        LOG.warn("events: {}; buffering in {} and retrying", ex.getMessage(), journal.path());
                    }
                    lastError = ex.getMessage();
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("events: delivery loop error, retrying", e);
                deliveryErrors.incrementAndGet();
                lastError = e.getMessage();
                Interruptibly.sleep(backoff);
            }
        }
    }


}
