package org.tunerd.daemon.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;
import org.tunerd.daemon.device.DeviceId;
import org.tunerd.daemon.events.CloudEventJson;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventFormatException;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Opt-in fleet sharing over the compacted models topic: key = environment id, value = an
 * {@link org.tunerd.daemon.events.EventType#ENVIRONMENT_SHARED environment.shared} CloudEvent whose source
 * names the device and whose data carries the stored-environment document.
 *
 * <p>On start a thread ({@code tunerd-fleet}) makes sure the topic exists ({@link TopicSetup}), then reads
 * it from the beginning, without a consumer group, and hands every document published by another device to
 * the listener, on that thread; it keeps following the topic. Own documents, tombstones and unreadable
 * records are skipped (the latter with a warning).
 */
public final class FleetShare implements AutoCloseable {

    /** Makes sure the topic exists before it is read or written; retries until {@code running} turns false. */
    @FunctionalInterface
    public interface TopicSetup {
        void ensure(String topic, BooleanSupplier running) throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FleetShare.class);

    private final String topic;
    private final String deviceId;
    private final Consumer<SharedEnvironment> listener;
    private final Producer<String, byte[]> producer;
    private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
    private final TopicSetup topicSetup;
    private final CompletableFuture<Void> topicReady = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    private FleetShare(Producer<String, byte[]> producer, org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
                       TopicSetup topicSetup, String topic, String deviceId, Consumer<SharedEnvironment> listener) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topicSetup = Objects.requireNonNull(topicSetup, "topicSetup");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deviceId = DeviceId.require(deviceId);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = new Thread(this::run, "tunerd-fleet");
        this.thread.setDaemon(true);
    }

    /** Starts sharing on the configured models topic; {@code listener} receives other devices' environments. */
    public static FleetShare start(KafkaClientSettings settings, String deviceId, Consumer<SharedEnvironment> listener) {
        Properties pp = settings.producer("models");
        pp.put("compression.type", "gzip");
        Properties cp = settings.consumer("models", null);
        cp.put("auto.offset.reset", "earliest");
        return start(new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer()),
                new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer()),
                new CompactedTopic(settings), settings.modelsTopic(), deviceId, listener);
    }

    /**
     * Starts sharing on {@code topic} with pre-built clients (e.g. Kafka's {@code MockProducer} and
     * {@code MockConsumer} in tests), which this object then owns and closes.
     */
    public static FleetShare start(Producer<String, byte[]> producer,
                                   org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
                                   TopicSetup topicSetup, String topic, String deviceId,
                                   Consumer<SharedEnvironment> listener) {
        FleetShare f = new FleetShare(producer, consumer, topicSetup, topic, deviceId, listener);
        f.thread.start();
        return f;
    }

    /**
     * Publishes a stored environment, without blocking. The future completes when Kafka acknowledged it
     * (after the topic is known to exist) or fails with the reason (e.g. a document above the broker's
     * message size limit).
     */
    public CompletableFuture<Void> publish(String environmentId, JsonNode document) {
        TunerEvent event = TunerEvent.of(new EventPayload.EnvironmentShared(environmentId, document), Instant.now(),
                deviceId);
        byte[] value = EventCodec.encode(event);
        return topicReady.thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, environmentId, value);
            r.headers().add(CloudEventJson.CONTENT_TYPE_HEADER, CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(r, (md, ex) -> {
                    if (ex != null) {
                        done.completeExceptionally(new KafkaException("sharing environment " + environmentId
                                + " on " + topic + " failed: " + ex.getMessage(), ex));
                    } else {
                        LOG.info("fleet: shared environment {} ({} bytes) at {}[{}]@{}", environmentId, value.length,
                                md.topic(), md.partition(), md.offset());
                        done.complete(null);
                    }
                });
            } catch (KafkaException e) {
                done.completeExceptionally(e);
            }
            return done;
        });
    }

    /** True once everything that was on the topic at start-up has been read. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            topicSetup.ensure(topic, () -> running);
            topicReady.complete(null);
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = null;
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    receive(r);
                }
                if (end == null) {
                    try {
                        end = new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        continue;
                    }
                }
                if (!caughtUp) {
                    end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
                    if (end.isEmpty()) {
                        caughtUp = true;
                        LOG.info("fleet: read all environments shared so far on {}", topic);
                    }
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("fleet: sharing stopped by an unexpected error", e);
            topicReady.completeExceptionally(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void receive(ConsumerRecord<String, byte[]> r) {
        String origin = r.topic() + "[" + r.partition() + "]@" + r.offset();
        if (r.value() == null) {
            LOG.debug("fleet: tombstone for {} at {}", r.key(), origin);
            return;
        }
        if (r.key() == null) {
            LOG.warn("fleet: record at {} has no key (environment id): skipped", origin);
            return;
        }
        try {
            TunerEvent event = EventCodec.decode(r.value());
            EventPayload.EnvironmentShared shared = event.payload(EventPayload.EnvironmentShared.class);
            if (!shared.environmentId().equals(r.key())) {
                throw new EventFormatException("holds environment " + shared.environmentId() + ", key is " + r.key());
            }
            if (event.deviceId().equals(deviceId)) {
                return;
            }
            SharedEnvironment env = new SharedEnvironment(r.key(), event.deviceId(), shared.document(), event.time(),
                    origin);
            try {
                listener.accept(env);
            } catch (RuntimeException e) {
                LOG.error("fleet: listener failed on environment {} from {} ({})", r.key(), event.deviceId(), origin, e);
            }
        } catch (EventFormatException e) {
            LOG.warn("fleet: record {} at {} skipped: {}", r.key(), origin, e.getMessage());
        }
    }

    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("fleet: no metadata for {} yet ({}); retrying", topic, e.getMessage());
                continue;
            }
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            }
            Thread.sleep(500);
        }
        throw new InterruptedException("closed");
    }

    /** Stops following the topic; pending publications get up to five seconds. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        Interruptibly.join(thread, 15_000);
        producer.close(Duration.ofSeconds(5));
        topicReady.completeExceptionally(new IllegalStateException("fleet sharing closed"));
    }
}
