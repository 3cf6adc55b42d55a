package org.tunerd.daemon.commands;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;
import org.tunerd.daemon.device.DeviceId;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Consumes the commands topic on its own thread ({@code tunerd-commands}) and hands each well-formed command
 * addressed to this device (key = device id, or no key = every device) to the {@link CommandHandler}.
 * Commands keyed for another device are skipped. A malformed command, or one the handler rejects, is
 * answered with a {@code command.rejected} event naming the reason and the record's position; the consumer
 * never stops on bad input. Offsets are committed after handling (at least once), and a {@link ReplayGuard}
 * refuses a command seen before (same CloudEvents source and id) or stale (its {@code time} out of the
 * guard's window), so a command redelivered or replayed is not applied twice.
 *
 * <p>Each device consumes in its own group {@code tunerd-commands-<deviceId>}, starting at the end of the
 * topic the first time (old commands are not replayed to a new device).
 */
public final class CommandConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final String deviceId;
    private final CommandHandler handler;
    private final ReplayGuard replays;
    private final java.util.function.Consumer<EventPayload.CommandRejected> rejections;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;
    private boolean needPositions;

    private CommandConsumer(Consumer<String, byte[]> consumer, String topic, String deviceId, CommandHandler handler,
                            ReplayGuard replays, java.util.function.Consumer<EventPayload.CommandRejected> rejections) {
        this.replays = Objects.requireNonNull(replays, "replays");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.deviceId = DeviceId.require(deviceId);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.rejections = Objects.requireNonNull(rejections, "rejections");
        this.thread = new Thread(this::run, "tunerd-commands");
        this.thread.setDaemon(true);
    }

    /**
     * Starts consuming with a Kafka consumer made from {@code settings} (group {@link #groupId}); {@code events}
     * receives the {@code command.rejected} events.
     */
    public static CommandConsumer start(KafkaClientSettings settings, String deviceId, CommandHandler handler,
                                        ReplayGuard replays, EventPublisher events) {
        Properties p = settings.consumer("commands", groupId(DeviceId.require(deviceId)));
        p.put("auto.offset.reset", "latest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer());
        LOG.info("commands: consuming {} from {} as group {}", settings.commandsTopic(), settings.bootstrapServers(),
                groupId(deviceId));
        return start(consumer, settings.commandsTopic(), deviceId, handler, replays, events::publish);
    }

    /** As above with ids remembered in memory only (the default window; a restart forgets them). */
    public static CommandConsumer start(KafkaClientSettings settings, String deviceId, CommandHandler handler,
                                        EventPublisher events) {
        return start(settings, deviceId, handler, inMemory(), events);
    }

    /** As below with ids remembered in memory only (the default window; a restart forgets them). */
    public static CommandConsumer start(Consumer<String, byte[]> consumer, String topic, String deviceId,
                                        CommandHandler handler,
                                        java.util.function.Consumer<EventPayload.CommandRejected> rejections) {
        return start(consumer, topic, deviceId, handler, inMemory(), rejections);
    }

    private static ReplayGuard inMemory() {
        return new ReplayGuard(Optional.empty(), java.time.Clock.systemUTC(), ReplayGuard.DEFAULT_WINDOW,
                ReplayGuard.DEFAULT_MAX_AHEAD);
    }

    /**
     * Starts consuming {@code topic} with a pre-built consumer (e.g. Kafka's {@code MockConsumer} in tests),
     * which this object then owns and closes. {@code rejections} receives each rejection on the consumer thread.
     */
    public static CommandConsumer start(Consumer<String, byte[]> consumer, String topic, String deviceId,
                                        CommandHandler handler, ReplayGuard replays,
                                        java.util.function.Consumer<EventPayload.CommandRejected> rejections) {
        CommandConsumer c = new CommandConsumer(consumer, topic, deviceId, handler, replays, rejections);
        c.thread.start();
        return c;
    }

    /** The consumer group of {@code deviceId}. */
    public static String groupId(String deviceId) {
        return "tunerd-commands-" + deviceId;
    }

    /** True once partitions are assigned and their start positions known: commands sent now will be seen. */
    public boolean isReady() {
        return ready;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    ready = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    needPositions = true;
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    LOG.warn("commands: poll failed ({}), retrying", e.getMessage());
                    Interruptibly.sleep(1_000);
                    continue;
                }
                if (needPositions && !consumer.assignment().isEmpty()) {
                    try {
                        // Commit the start positions at once: a later rebalance (e.g. after a broker restart)
                        // then resumes here instead of jumping to the end and losing commands sent meanwhile.
                        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
                        for (TopicPartition tp : consumer.assignment()) {
                            start.put(tp, new OffsetAndMetadata(consumer.position(tp, Duration.ofSeconds(30))));
                        }
                        consumer.commitSync(start);
                        needPositions = false;
                        ready = true;
                    } catch (WakeupException e) {
                        break;
                    } catch (KafkaException e) {
                        LOG.warn("commands: cannot fetch start positions yet ({}), retrying", e.getMessage());
                    }
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    process(r);
                }
                if (!records.isEmpty()) {
                    try {
                        consumer.commitSync();
                    } catch (WakeupException e) {
                        consumer.commitSync();
                        break;
                    } catch (KafkaException e) {
                        LOG.warn("commands: committing offsets failed ({}); the commands may be delivered again",
                                e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("commands: consumer stopped by an unexpected error", e);
        } finally {
            ready = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecord<String, byte[]> r) {
        String origin = r.topic() + "[" + r.partition() + "]@" + r.offset();
        String key = r.key();
        if (key != null && !key.isEmpty() && !key.equals(deviceId)) {
            LOG.debug("commands: {} is for device '{}', not '{}': skipped", origin, key, deviceId);
            return;
        }
        Command command;
        try {
            command = CommandParser.parse(r.value(), origin);
        } catch (CommandRejectedException e) {
            reject(r, e.getMessage(), List.of(), Optional.empty());
            return;
        }
        Optional<String> refused = replays.admit(command.meta());
        if (refused.isPresent()) {
            LOG.warn("commands: {} {} from {} ({}) refused: {}", command.type(), command.meta().id(),
                    command.meta().source(), origin, refused.get());
            reject(r, refused.get(), List.of(), Optional.of(command));
            return;
        }
        LOG.info("commands: {} {} from {} ({})", command.type(), command.meta().id(), command.meta().source(), origin);
        try {
            handler.handle(command);
        } catch (CommandNotAppliedException e) {
            reject(r, "not applied: " + e.getMessage(), e.problems(), Optional.of(command));
        } catch (IllegalArgumentException | IllegalStateException e) {
            reject(r, "not applied: " + e.getMessage(), List.of(), Optional.of(command));
        } catch (RuntimeException e) {
            LOG.error("commands: handler failed on {} {}", command.type(), origin, e);
            reject(r, "handler failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), List.of(),
                    Optional.of(command));
        }
    }

    private void reject(ConsumerRecord<String, byte[]> r, String reason, List<String> problems,
                        Optional<Command> command) {
        String origin = r.topic() + "[" + r.partition() + "]@" + r.offset();
        try {
            rejections.accept(new EventPayload.CommandRejected(origin, reason, problems, 0, Optional.of(r.topic()),
                    OptionalInt.of(r.partition()), OptionalLong.of(r.offset()), Optional.ofNullable(r.key()),
                    command.map(c -> c.meta().id()), command.map(c -> c.type().shortName()),
                    command.map(c -> c.meta().source().toString())));
        } catch (RuntimeException e) {
            LOG.error("commands: cannot report the rejection of {} ({}): {}", origin, reason, e.getMessage());
        }
    }

    /** Stops the consumer thread and closes the Kafka consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        Interruptibly.join(thread, 15_000);
    }

}
