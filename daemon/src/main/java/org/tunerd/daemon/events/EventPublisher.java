package org.tunerd.daemon.events;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Publishes the daemon's events: to the log, to the local {@link EventJournal}, and from the journal to
 * Kafka in order, at least once, buffering in the journal while Kafka is unreachable.
 *
 * <p>{@link #publish} is thread-safe and does not block: it snapshots the data as JSON ({@link EventData}) and
 * queues the event. One thread ({@link JournalWriter}, {@code tunerd-events-journal}) writes the journal, logs and
 * notifies subscribers; another ({@link DeliveryLoop}, {@code tunerd-events-delivery}) ships undelivered journal
 * lines to the transport and moves the journal offset after each acknowledgement.
 *
 * <p>No event can stop delivery. An event whose JSON line is longer than the bound ({@link
 * EventSettings#maxEventBytes()}, lowered to what the transport accepts) is replaced by a small
 * {@code event.dead-lettered} event naming its id, type and size, and the original line goes to the journal's
 * dead-letter file ({@link EventBound}). An event the broker refuses as too large, and a journal line that cannot be
 * read, are dead-lettered and skipped the same way, so the events behind them are delivered. {@link #status()}
 * says when delivery is stuck: the age of the oldest undelivered event and the consecutive failures
 * ({@link DeliveryHealth}).
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    private final String deviceId;
    private final EventJournal journal;
    private final Optional<EventTransport> transport;
    private final Clock clock;
    private final EventCounters counters = new EventCounters();
    private final EventBound bound;
    private final JournalWriter writer;
    private final Optional<DeliveryHealth> health;
    private final Optional<DeliveryLoop> delivery;
    private volatile boolean closing;

    private EventPublisher(EventSettings settings, Optional<EventTransport> transport, Clock clock) {
        this.deviceId = settings.deviceId();
        this.transport = transport;
        this.clock = clock;
        this.journal = new EventJournal(settings.journalDirectory(), settings.fsync(), settings.journalRotateBytes(),
                transport.isPresent());
        int maxEventBytes = Math.min(settings.maxEventBytes(),
                transport.map(EventTransport::maxEventBytes).orElse(Integer.MAX_VALUE));
        this.bound = new EventBound(maxEventBytes, deviceId, journal.deadLetterPath().toString(), clock);
        this.writer = new JournalWriter(journal, counters);
        this.health = transport.map(t -> new DeliveryHealth(t, clock, settings.stuckAfter()));
        this.delivery = transport.map(t -> new DeliveryLoop(journal, t, counters, health.orElseThrow(), bound,
                this::publish));
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
        p.writer.start();
        p.delivery.ifPresent(DeliveryLoop::start);
        LOG.info("events: journal {}, delivery {}", p.journal.path(),
                p.transport.map(EventTransport::describe).orElse("none (Kafka not configured)"));
        if (p.journal.undeliveredBytes() > 0 && p.transport.isPresent()) {
            LOG.info("events: {} events ({} bytes) left undelivered by the last run will be delivered first",
                    p.journal.undeliveredEvents(), p.journal.undeliveredBytes());
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
        return offer(new TunerEvent(UUID.randomUUID(), type, clock.instant(), deviceId, EventData.toObject(data)));
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
        return bound.maxEventBytes();
    }

    private TunerEvent offer(TunerEvent event) {
        EventBound.Pending pending = bound.bounded(event);
        TunerEvent sent = pending.event();
        if (closing) {
            counters.dropped.incrementAndGet();
            LOG.warn("event {} {} published after the publisher closed: not journaled: {}", sent.type(), sent.id(),
                    sent.data());
            return sent;
        }
        counters.published.incrementAndGet();
        if (!writer.offer(pending)) {
            counters.published.decrementAndGet();
            counters.dropped.incrementAndGet();
            LOG.error("event queue full ({} events): dropping event {} {} {}", JournalWriter.QUEUE_CAPACITY,
                    sent.type(), sent.id(), sent.data());
        }
        return sent;
    }

    /**
     * Calls {@code subscriber} for every event after it was journaled, on the journal thread (keep it
     * short, never block). Closing the returned handle unsubscribes.
     */
    public AutoCloseable subscribe(Consumer<TunerEvent> subscriber) {
        return writer.subscribe(subscriber);
    }

    /** Waits until every event published so far is in the journal; false on timeout. */
    public boolean awaitJournaled(Duration timeout) throws InterruptedException {
        return writer.awaitJournaled(counters.published.get(), timeout);
    }

    /** Counters, the current delivery error, and whether delivery is stuck. */
    public DeliveryStatus status() {
        long journaled = writer.journaled();
        long undeliveredBytes = journal.undeliveredBytes();
        Optional<Duration> age = health.flatMap(h -> h.oldestAge(undeliveredBytes));
        return new DeliveryStatus(transport.isPresent(), counters.published.get(), journaled, counters.dropped.get(),
                undeliveredBytes, journal.undeliveredEvents(), health.flatMap(DeliveryHealth::lastError),
                counters.deadLettered.get(), counters.skipped.get(),
                health.map(DeliveryHealth::consecutiveFailures).orElse(0), age,
                health.map(h -> h.stuck(age)).orElse(false));
    }

    /** Failed delivery attempts since start (each failed batch counts once; it is retried from the journal). */
    public long deliveryErrors() {
        return counters.deliveryErrors.get();
    }

    /** The journal file. */
    public Path journalPath() {
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
        writer.finish();
        delivery.ifPresent(DeliveryLoop::stop);
        journal.close();
        long left = journal.undeliveredBytes();
        if (transport.isPresent() && left > 0) {
            LOG.warn("events: {} bytes undelivered at shutdown stay in {} and are delivered on the next start",
                    left, journal.path());
        }
    }
}
