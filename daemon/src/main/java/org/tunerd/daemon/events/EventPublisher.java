package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>No event can stop delivery. An event whose JSON line is longer than the bound ({@link
 * EventSettings#maxEventBytes()}, lowered to what the transport accepts) is replaced by a small
 * {@code event.dead-lettered} event naming its id, type and size, and the original line goes to the journal's
 * dead-letter file. An event the broker refuses as too large, and a journal line that cannot be read, are
 * dead-lettered and skipped the same way, so the events behind them are delivered. {@link #status()} says
 * when delivery is stuck: the age of the oldest undelivered event and the consecutive failures.
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
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<TunerEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong deliveryErrors = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final int maxEventBytes;
    private final Duration stuckAfter;
    private final Clock clock;
    /** Time of the oldest event the delivery thread has read but not yet seen acknowledged; null when none. */
    private volatile Instant oldestPending;
    private volatile int consecutiveFailures;
    private final Object journaledLock = new Object();
    private long journaled;
    private volatile String lastError;
    private volatile boolean closing;
    private volatile boolean stopping;
    private final Thread writer;
    private final Thread delivery;

    /** An event on its way to the journal, encoded; {@code deadLetter} is the original it replaces, if any. */
    private record Pending(TunerEvent event, byte[] line, Optional<byte[]> deadLetter) {
    }

    private EventPublisher(EventSettings settings, Optional<EventTransport> transport, Clock clock) {
        this.deviceId = settings.deviceId();
        this.transport = transport;
        this.clock = clock;
        this.stuckAfter = settings.stuckAfter();
        this.maxEventBytes = Math.min(settings.maxEventBytes(),
                transport.map(EventTransport::maxEventBytes).orElse(Integer.MAX_VALUE));
        this.journal = new EventJournal(settings.journalDirectory(), settings.fsync(), settings.journalRotateBytes(),
                transport.isPresent());
        this.writer = new Thread(this::writeLoop, "tunerd-events-journal");
        this.delivery = transport.isPresent() ? new Thread(this::deliveryLoop, "tunerd-events-delivery") : null;
    }

    /**
     * Starts a publisher. With {@code kafka} empty, events go to the log and the journal only.
     */
    public static EventPublisher start(EventSettings settings, Optional<KafkaClientSettings> kafka) {
        return launch(settings, kafka.map(KafkaEventTransport::new), Clock.systemUTC());
    }

    /** Starts a publisher that delivers through {@code transport} (tests use a fake one). */
    public static EventPublisher start(EventSettings settings, EventTransport transport) {
        return launch(settings, Optional.of(transport), Clock.systemUTC());
    }

    /** As {@link #start(EventSettings, EventTransport)}, with the clock that stamps events and ages the backlog. */
    public static EventPublisher start(EventSettings settings, EventTransport transport, Clock clock) {
        return launch(settings, Optional.of(transport), clock);
    }

    private static EventPublisher launch(EventSettings settings, Optional<EventTransport> transport, Clock clock) {
        EventPublisher p = new EventPublisher(settings, transport, clock);
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
        TunerEvent event = new TunerEvent(UUID.randomUUID(), type, clock.instant(), deviceId, toObject(data));
        return offer(event);
    }

    /**
     * Publishes the event that carries {@code payload} (its type, subject and data), without blocking: how
     * the daemon publishes. The untyped {@link #publish(EventType, Object)} is for relays and transport tests.
     *
     * @return the event as it will be journaled and delivered
     */
    public TunerEvent publish(EventPayload payload) {
        return offer(TunerEvent.of(payload, clock.instant(), deviceId));
    }

    /** Publishes a ready-made event (its device id may differ, e.g. when relaying). */
    public void publish(TunerEvent event) {
        offer(event);
    }

    /** The longest event line journaled and delivered as it is; longer ones are dead-lettered. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    private TunerEvent offer(TunerEvent event) {
        Pending pending = bounded(event);
        TunerEvent sent = pending.event();
        if (closing) {
            dropped.incrementAndGet();
            LOG.warn("event {} {} published after the publisher closed: not journaled: {}", sent.type(), sent.id(),
                    sent.data());
            return sent;
        }
        published.incrementAndGet();
        if (!queue.offer(pending)) {
            published.decrementAndGet();
            dropped.incrementAndGet();
            LOG.error("event queue full ({} events): dropping event {} {} {}", QUEUE_CAPACITY, sent.type(),
                    sent.id(), sent.data());
        }
        return sent;
    }

    /** The event encoded, or, if its line is over the bound, the small event that replaces it. */
    private Pending bounded(TunerEvent event) {
        byte[] line = EventCodec.encode(event);
        if (line.length <= maxEventBytes) {
            return new Pending(event, line, Optional.empty());
        }
        TunerEvent replacement = deadLetteredEvent(event.id().toString(), event.type().shortName(), line.length,
                "larger than the event size bound of " + maxEventBytes + " bytes");
        LOG.warn("event {} {} is {} bytes, over the bound of {}: dead-lettered to {}, replaced by {} {}", event.type(),
                event.id(), line.length, maxEventBytes, journal.deadLetterPath(), replacement.type(), replacement.id());
        return new Pending(replacement, EventCodec.encode(replacement), Optional.of(line));
    }

    private TunerEvent deadLetteredEvent(String id, String type, long bytes, String reason) {
        return TunerEvent.of(new EventPayload.EventDeadLettered(id, type, bytes, reason,
                journal.deadLetterPath().toString()), clock.instant(), deviceId);
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

    /** Counters, the current delivery error, and whether delivery is stuck. */
    public DeliveryStatus status() {
        long j;
        synchronized (journaledLock) {
            j = journaled;
        }
        long undelivered = journal.undeliveredBytes();
        Instant oldest = oldestPending;
        Optional<Duration> age = transport.isPresent() && undelivered > 0 && oldest != null
                ? Optional.of(Duration.between(oldest, clock.instant())).map(d -> d.isNegative() ? Duration.ZERO : d)
                : Optional.empty();
        boolean stuck = age.map(a -> a.compareTo(stuckAfter) > 0).orElse(false);
        return new DeliveryStatus(transport.isPresent(), published.get(), j, dropped.get(), undelivered,
                Optional.ofNullable(lastError), deadLettered.get(), skipped.get(), consecutiveFailures, age, stuck);
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
        List<Pending> late = new ArrayList<>();
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
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
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
                dropped.addAndGet(batch.size());
                countJournaled(batch.size());
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) {
        for (Pending p : batch) {
            p.deadLetter().ifPresent(original -> {
                try {
                    journal.deadLetter(original);
                    deadLettered.incrementAndGet();
                } catch (RuntimeException ex) {
                    LOG.error("events: cannot keep the oversized original of {} {}: {}", p.event().type(),
                            p.event().id(), ex.getMessage());
                }
            });
        }
        List<byte[]> lines = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            lines.add(p.line());
        }
        try {
            journal.append(lines);
        } catch (RuntimeException ex) {
            dropped.addAndGet(batch.size());
            LOG.error("events: cannot journal {} events ({}); they are only logged", batch.size(), ex.getMessage());
        }
        for (Pending p : batch) {
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

    private void deliveryLoop() {
        EventTransport t = transport.orElseThrow();
        long backoff = 250;
        while (!stopping) {
            try {
                if (!journal.awaitUndelivered(200)) {
                    oldestPending = null;
                    continue;
                }
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
                    continue;
                }
                oldestPending = events.get(0).time(); // the first undelivered line is the oldest
                try {
                    t.send(events, lines);
                    journal.delivered(sent.get(sent.size() - 1));
                    delivered();
                    backoff = 250;
                } catch (DeliveryException ex) {
                    deliveryErrors.incrementAndGet();
                    if (ex.acknowledged() > 0) {
                        journal.delivered(sent.get(ex.acknowledged() - 1));
                    }
                    if (ex.tooLarge() && ex.acknowledged() < sent.size()) {
                        TunerEvent refused = events.get(ex.acknowledged());
                        EventJournal.Entry entry = sent.get(ex.acknowledged());
                        journal.deadLetter(entry);
                        journal.delivered(entry);
                        deadLettered.incrementAndGet();
                        LOG.warn("events: {} {} ({} bytes) refused as too large by {}: dead-lettered to {}: {}",
                                refused.type(), refused.id(), entry.length(), t.describe(), journal.deadLetterPath(),
                                ex.getMessage());
                        publish(deadLetteredEvent(refused.id().toString(), refused.type().shortName(), entry.length(),
                                "refused as too large by " + t.describe() + ": " + ex.getMessage()));
                        delivered();
                        continue;
                    }
                    consecutiveFailures++;
                    if (lastError == null) {
                        LOG.warn("events: {}; buffering in {} and retrying", ex.getMessage(), journal.path());
                    }
                    lastError = ex.getMessage();
                    Thread.sleep(backoff);
                    backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) { // the delivery thread must outlive any one failure
                consecutiveFailures++;
                LOG.error("events: delivery loop error, retrying", e);
                deliveryErrors.incrementAndGet();
                lastError = String.valueOf(e.getMessage());
                Interruptibly.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    private void delivered() {
        consecutiveFailures = 0;
        oldestPending = null;
        if (lastError != null) {
            LOG.info("events: delivery works again through {}", transport.map(EventTransport::describe).orElse("-"));
            lastError = null;
        }
    }

    /** Sets an undeliverable journal line aside (dead-letter file), goes past it and says so in an event. */
    private void skipUnreadable(EventJournal.Entry entry, String why) {
        LOG.error("event journal {} offset {}: {}; dead-lettered to {} and skipped", journal.path(), entry.start(), why,
                journal.deadLetterPath());
        journal.deadLetter(entry);
        journal.delivered(entry);
        skipped.incrementAndGet();
        CloudEventHead head = CloudEventHead.of(entry.line());
        publish(deadLetteredEvent(head.id().orElse("unknown"), head.type().orElse("unknown"), entry.length(),
                "journal line " + why));
    }
}
