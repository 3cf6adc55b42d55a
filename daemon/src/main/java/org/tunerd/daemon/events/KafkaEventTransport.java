package org.tunerd.daemon.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Delivers events to the events topic with an idempotent producer ({@code acks=all}), key = device id,
 * value = the CloudEvent JSON line, header {@code content-type: application/cloudevents+json}.
 * After a failed delivery the producer is replaced, so the retry starts from a clean state.
 *
 * <p>During a short outage the producer does not fail: it retries until {@code delivery.timeout.ms} (two minutes
 * by default) and the send waits. Once an acknowledgement is {@linkplain #ACK_OVERDUE overdue}, {@link #stalled()}
 * says so (and when the producer has no connection at all), so the outage shows in the delivery status
 * while it lasts; the send goes on waiting.
 */
public final class KafkaEventTransport implements EventTransport {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    /**
     * How long an acknowledgement may take before the wait is reported. A working broker acknowledges within
     * milliseconds (at most a few hundred with {@code acks=all} and busy replicas); the producer backs off at most
     * {@code reconnect.backoff.max.ms} (1 s by default) between connection attempts, so after 5 s plus the
     * configured {@code linger.ms} it has tried and failed several times: that is an outage, not latency.
     */
    static final Duration ACK_OVERDUE = Duration.ofSeconds(5);
    private static final long WAIT_SLICE_MS = 500;

    private final KafkaClientSettings settings;
    private final Map<String, String> overrides;
    private final int maxEventBytes;
    private final Function<Properties, Producer<String, byte[]>> producers;
    private final Clock clock;
    private final Duration overdueAfter;
    private volatile Producer<String, byte[]> producer;
    /** When the send in progress started; null when none is. */
    private volatile Instant sendingSince;
    private volatile int inFlight;
    /** Room in a request for the key, the header and the record and batch overhead. */
    static final int RECORD_OVERHEAD_BYTES = 8 * 1024;

    public KafkaEventTransport(KafkaClientSettings settings) {
        this(settings, Map.of());
    }

    /**
     * With producer timeouts changed, e.g. {@code delivery.timeout.ms}, {@code request.timeout.ms},
     * {@code max.block.ms} (how long an outage lasts before a batch is retried from the journal).
     * Acknowledgement and idempotence settings cannot be overridden.
     */
    public KafkaEventTransport(KafkaClientSettings settings, Map<String, String> overrides) {
        this(settings, overrides, p -> new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()),
                Clock.systemUTC());
    }

    /** With the producers made by {@code producers} (tests pass a {@code MockProducer}) and a clock. */
    KafkaEventTransport(KafkaClientSettings settings, Map<String, String> overrides,
                        Function<Properties, Producer<String, byte[]>> producers, Clock clock) {
        for (String key : overrides.keySet()) {
            if (key.equals("acks") || key.equals("enable.idempotence") || key.endsWith(".serializer")) {
                throw new IllegalArgumentException("producer property " + key + " cannot be overridden");
            }
        }
        this.settings = settings;
        this.overrides = Map.copyOf(overrides);
        this.maxEventBytes = maxEventBytes(settings.producer("events"), overrides);
        this.producers = producers;
        this.clock = clock;
        this.overdueAfter = ACK_OVERDUE.plusMillis(lingerMs(settings.producer("events"), overrides));
        this.producer = newProducer();
    }

    private static int maxEventBytes(Properties producer, Map<String, String> overrides) {
        String configured = overrides.getOrDefault("max.request.size",
                producer.getProperty("max.request.size", Integer.toString(ProducerDefaults.MAX_REQUEST_SIZE)));
        int maxRequest;
        try {
            maxRequest = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("producer property max.request.size is not a number: " + configured);
        }
        if (maxRequest <= RECORD_OVERHEAD_BYTES) {
            throw new IllegalArgumentException("producer property max.request.size = " + maxRequest
                    + " leaves no room for an event (needs more than " + RECORD_OVERHEAD_BYTES + ")");
        }
        return maxRequest - RECORD_OVERHEAD_BYTES;
    }

    private static long lingerMs(Properties producer, Map<String, String> overrides) {
        String configured = overrides.getOrDefault("linger.ms", producer.getProperty("linger.ms", "0"));
        try {
            return Math.max(0, Long.parseLong(configured.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("producer property linger.ms is not a number: " + configured);
        }
    }

    /** Kafka's defaults that bound what a record may be. */
    private static final class ProducerDefaults {
        static final int MAX_REQUEST_SIZE = 1024 * 1024;
    }

    @Override
    public int maxEventBytes() {
        return maxEventBytes;
    }

    private Producer<String, byte[]> newProducer() {
        Properties p = settings.producer("events");
        p.putAll(overrides);
        return producers.apply(p);
    }

    @Override
    public void send(List<TunerEvent> events, List<byte[]> encoded) throws DeliveryException, InterruptedException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(events.size());
        byte[] contentType = CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        inFlight = events.size();
        sendingSince = clock.instant();
        try {
            for (; i < events.size(); i++) {
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(settings.eventsTopic(),
                        events.get(i).deviceId(), encoded.get(i));
                r.headers().add(CloudEventJson.CONTENT_TYPE_HEADER, contentType);
                futures.add(producer.send(r));
            }
            boolean reported = false;
            for (i = 0; i < futures.size(); i++) {
                reported = awaitAcknowledgement(futures.get(i), reported);
            }
            if (reported) {
                LOG.info("events: {} acknowledges again", describe());
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while delivering events");
        } catch (ExecutionException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            producer.close(Duration.ZERO);
            producer = newProducer();
            boolean tooLarge = cause instanceof RecordTooLargeException;
            throw new DeliveryException(i, tooLarge, "event " + (i + 1) + " of " + events.size() + " not acknowledged by "
                    + describe() + ": " + CloudEventJson.rootMessage(cause), cause);
        } finally {
            sendingSince = null;
        }
    }

    /** Waits for one acknowledgement, logging once per send when it is overdue; true once it was logged. */
    private boolean awaitAcknowledgement(Future<RecordMetadata> future, boolean reported)
            throws ExecutionException, InterruptedException {
        while (true) {
            try {
                future.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
                return reported;
            } catch (TimeoutException e) {
                Optional<String> stalled = stalled();
                if (stalled.isPresent() && !reported) {
                    LOG.warn("events: {}", stalled.get());
                    reported = true;
                }
            }
        }
    }

    @Override
    public Optional<String> stalled() {
        Instant since = sendingSince;
        if (since == null) {
            return Optional.empty();
        }
        Duration waited = Duration.between(since, clock.instant());
        if (waited.compareTo(overdueAfter) < 0) {
            return Optional.empty();
        }
        boolean unconnected = connections().map(n -> n == 0).orElse(false);
        return Optional.of("no acknowledgement from " + describe() + " for " + waited.toSeconds() + " s (" + inFlight
                + (inFlight == 1 ? " event" : " events") + " in flight" + (unconnected ? "; not connected to any broker" : "")
                + "); the producer retries until delivery.timeout.ms, the events stay in the journal");
    }

    /**
     * The producer's broker connections, from its metrics, when it reports them. Only 0 is telling: the count
     * includes connections still being attempted, so a positive one does not mean a broker answers.
     */
    private Optional<Long> connections() {
        try {
            return producer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("connection-count")
                            && e.getKey().group().equals("producer-metrics"))
                    .map(e -> e.getValue().metricValue())
                    .filter(v -> v instanceof Number)
                    .map(v -> ((Number) v).longValue())
                    .findFirst();
        } catch (RuntimeException e) { // a producer being replaced after a failure
            return Optional.empty();
        }
    }

    @Override
    public String describe() {
        return "kafka " + settings.bootstrapServers() + " topic " + settings.eventsTopic();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
