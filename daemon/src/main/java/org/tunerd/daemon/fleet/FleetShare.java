package org.tunerd.daemon.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
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
import org.tunerd.daemon.events.EventFormatException;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Opt-in fleet sharing over the compacted models topic (key = environment id, value = a CloudEvent
 * {@value #TYPE} whose data is the stored-environment document and whose source names the device).
 *
 * <p>On start a thread ({@code tunerd-fleet}) makes sure the topic exists with {@code cleanup.policy=compact}
 * (creating it if needed), then reads it from the beginning, without a consumer group, and hands every
 * document published by another device to the listener, on that thread; it keeps following the topic.
 * Own documents, tombstones and unreadable records are skipped (the latter with a warning).
 */
public final class FleetShare implements AutoCloseable {

    /** CloudEvents type of a shared environment. */
    public static final String TYPE = "org.tunerd.environment.shared";

    private static final Logger LOG = LoggerFactory.getLogger(FleetShare.class);

    private final KafkaClientSettings settings;
    private final String deviceId;
    private final Consumer<SharedEnvironment> listener;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CompletableFuture<Void> topicReady = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;

    private FleetShare(KafkaClientSettings settings, String deviceId, Consumer<SharedEnvironment> listener) {
        this.settings = settings;
        this.deviceId = DeviceId.require(deviceId);
        this.listener = listener;
        Properties pp = settings.producer("models");
        pp.put("compression.type", "gzip");
        this.producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer());
        Properties cp = settings.consumer("models", null);
        cp.put("auto.offset.reset", "earliest");
        this.consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "tunerd-fleet");
        this.thread.setDaemon(true);
    }

    /** Starts sharing; {@code listener} receives other devices' environments on the fleet thread. */
    public static FleetShare start(KafkaClientSettings settings, String deviceId, Consumer<SharedEnvironment> listener) {
        FleetShare f = new FleetShare(settings, deviceId, listener);
        f.thread.start();
        return f;
    }

    /**
     * Publishes a stored environment, without blocking. The future completes when Kafka acknowledged it
     * (after the topic is known to exist) or fails with the reason (e.g. a document above the broker's
     * message size limit).
     */
    public CompletableFuture<Void> publish(String environmentId, JsonNode document) {
        if (environmentId == null || environmentId.isBlank()) {
            throw new IllegalArgumentException("environment id must not be blank");
        }
        if (document == null || document.isNull() || document.isMissingNode()) {
            throw new IllegalArgumentException("document of environment " + environmentId + " is missing");
        }
        CloudEvent ce = CloudEventJson.build(UUID.randomUUID().toString(), TYPE, CloudEventJson.source(deviceId),
                Optional.of(environmentId), Instant.now(), document);
        byte[] value = CloudEventJson.encode(ce);
        return topicReady.thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(settings.modelsTopic(), environmentId, value);
            r.headers().add(CloudEventJson.CONTENT_TYPE_HEADER, CloudEventJson.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(r, (md, ex) -> {
                    if (ex != null) {
                        done.completeExceptionally(new KafkaException("sharing environment " + environmentId
                                + " on " + settings.modelsTopic() + " failed: " + ex.getMessage(), ex));
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
            ensureTopic();
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
                        LOG.info("fleet: read all environments shared so far on {}", settings.modelsTopic());
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
            CloudEvent ce = CloudEventJson.decode(r.value());
            if (!TYPE.equals(ce.getType())) {
                throw new EventFormatException("type is '" + ce.getType() + "', expected " + TYPE);
            }
            String origDevice = CloudEventJson.deviceId(ce.getSource()).orElseThrow(() ->
                    new EventFormatException("source '" + ce.getSource() + "' is not urn:tunerd:<deviceId>"));
            if (origDevice.equals(deviceId)) {
                return;
            }
            JsonNode doc = CloudEventJson.data(ce).orElseThrow(() -> new EventFormatException("no data"));
            Instant time = ce.getTime() == null ? Instant.ofEpochMilli(r.timestamp()) : ce.getTime().toInstant();
            SharedEnvironment env = new SharedEnvironment(r.key(), origDevice, doc, time, origin);
            try {
                listener.accept(env);
            } catch (RuntimeException e) {
                LOG.error("fleet: listener failed on environment {} from {} ({})", r.key(), origDevice, origin, e);
            }
        } catch (EventFormatException e) {
            LOG.warn("fleet: record {} at {} skipped: {}", r.key(), origin, e.getMessage());
        }
    }

    private void ensureTopic() throws InterruptedException {
        long backoff = 500;
        while (running) {
            try (Admin admin = Admin.create(settings.admin("models-admin"))) {
                try {
                    admin.createTopics(List.of(new NewTopic(settings.modelsTopic(), Optional.empty(), Optional.empty())
                            .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
                    LOG.info("fleet: created compacted topic {}", settings.modelsTopic());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    checkCompacted(admin);
                }
                topicReady.complete(null);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
                Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warn("fleet: cannot make sure topic {} exists ({}); retrying", settings.modelsTopic(), c.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(10_000, backoff * 2);
            }
        }
        throw new InterruptedException("closed");
    }

    private void checkCompacted(Admin admin) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, settings.modelsTopic());
        Config config = admin.describeConfigs(List.of(res)).all().get(30, TimeUnit.SECONDS).get(res);
        String policy = config.get("cleanup.policy") == null ? "" : config.get("cleanup.policy").value();
        if (!policy.contains("compact")) {
            LOG.warn("fleet: topic {} has cleanup.policy={}, not compact: old environments will expire",
                    settings.modelsTopic(), policy);
        }
    }

    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(settings.modelsTopic(), Duration.ofSeconds(30));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("fleet: no metadata for {} yet ({}); retrying", settings.modelsTopic(), e.getMessage());
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
