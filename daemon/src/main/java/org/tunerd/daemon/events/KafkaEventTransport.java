package org.tunerd.daemon.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Delivers events to the events topic with an idempotent producer ({@code acks=all}), key = device id,
 * value = the CloudEvent JSON line, header {@code content-type: application/cloudevents+json}.
 * After a failed delivery the producer is replaced, so the retry starts from a clean state.
 */
public final class KafkaEventTransport implements EventTransport {

    private final KafkaClientSettings settings;
    private final Map<String, String> overrides;
    private final int maxEventBytes;
    private KafkaProducer<String, byte[]> producer;
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
        for (String key : overrides.keySet()) {
            if (key.equals("acks") || key.equals("enable.idempotence") || key.endsWith(".serializer")) {
                throw new IllegalArgumentException("producer property " + key + " cannot be overridden");
            }
        }
        this.settings = settings;
        this.overrides = Map.copyOf(overrides);
        this.maxEventBytes = maxEventBytes(settings.producer("events"), overrides);
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

    /** Kafka's defaults that bound what a record may be. */
    private static final class ProducerDefaults {
        static final int MAX_REQUEST_SIZE = 1024 * 1024;
    }

    @Override
    public int maxEventBytes() {
        return maxEventBytes;
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties p = settings.producer("events");
        p.putAll(overrides);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(List<TunerEvent> events, List<byte[]> encoded) throws DeliveryException, InterruptedException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(events.size());
        byte[] contentType = CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        try {
            for (; i < events.size(); i++) {
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(settings.eventsTopic(),
                        events.get(i).deviceId(), encoded.get(i));
                r.headers().add(CloudEventJson.CONTENT_TYPE_HEADER, contentType);
                futures.add(producer.send(r));
            }
            for (i = 0; i < futures.size(); i++) {
                futures.get(i).get();
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
