package org.tunerd.tests.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.events.EventCodec;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.events.KafkaEventTransport;
import org.tunerd.daemon.events.TunerEvent;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Issue 11, the fault suite's broker part: while {@value #EVENTS} events are published through the daemon's
 * event path (the real {@link EventPublisher}, its journal and the Kafka transport, driven in-process: the daemon
 * itself emits a few dozen events per session, far from 10,000), the broker (a child JVM) is stopped with SIGTERM
 * and brought back, then killed with SIGKILL and kept away until the producer's {@code delivery.timeout.ms} has
 * expired (the publisher reports the failed batch), and brought back; the publisher waits at gates (events 2,000,
 * 6,000, 9,000) until each outage has begun or been seen to outlast the timeout, so both fall within the
 * publishing. A consumer then reads the topic and checks the delivery contract (at least once, in order; see
 * {@code org.tunerd.daemon.events}): every event arrived, first arrivals in publication order, and an event
 * arrives again only in a redelivery after an outage, which resends in order from the first event Kafka had not
 * acknowledged: at most one such rewind per outage. (A batch the broker wrote but whose acknowledgement the
 * outage lost is resent, so a few events may arrive twice; consumers deduplicate by CloudEvent id.)
 */
class BrokerOutageIT {

    static final int EVENTS = 12_000;
    /** The producer gives a batch up after this long; the SIGKILL outage lasts longer. */
    private static final String DELIVERY_TIMEOUT_MS = "3000";
    private static final Duration WAIT = Duration.ofSeconds(180);

    @RegisterExtension
    static final KafkaBrokerExtension broker = new KafkaBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void everyEventArrivesInOrderAndOnceAcrossASigtermAndALongSigkillOutage() throws Exception {
        long t0 = System.nanoTime();
        KafkaClientSettings k = KafkaClientSettings.of(broker.bootstrapServers(), "tunerd-outage-10k")
                .withTopics("outage10k-events", "outage10k-commands", "outage10k-models");
        Topics.create(k.bootstrapServers(), k.eventsTopic());
        KafkaEventTransport transport = new KafkaEventTransport(k, Map.of("delivery.timeout.ms", DELIVERY_TIMEOUT_MS,
                "request.timeout.ms", "1000", "max.block.ms", "1000"));
        AtomicInteger published = new AtomicInteger();
        AtomicReference<Throwable> publishFailed = new AtomicReference<>();
        List<String> ids = new ArrayList<>(EVENTS);
        boolean timedOutBatch;
        CountDownLatch sigtermDone = new CountDownLatch(1);
        CountDownLatch sigkillDone = new CountDownLatch(1);
        CountDownLatch batchTimedOut = new CountDownLatch(1);
        try (EventPublisher p = EventPublisher.start(EventSettings.of("outage-10k", dir), transport)) {
            // the daemon's pace is a few events a second; here up to 500 a second
            Thread publisher = new Thread(() -> {
                try {
                    for (int i = 0; i < EVENTS; i++) {
                        TunerEvent e = p.publish(i % 3 == 0 ? EventType.SAMPLE_MEASURED : EventType.MODEL_FITTED,
                                Map.of("n", i));
                        synchronized (ids) {
                            ids.add(e.id().toString());
                        }
                        published.incrementAndGet();
                        // gates, so each outage begins and ends while events are still being published
                        if (i == 2_000) {
                            sigtermDone.await();
                        } else if (i == 6_000) {
                            sigkillDone.await();
                        } else if (i == 9_000) {
                            batchTimedOut.await();
                        }
                        if (i % 10 == 9) {
                            Thread.sleep(20);
                        }
                    }
                } catch (Throwable t) {
                    publishFailed.set(t);
                }
            }, "publisher");
            publisher.setDaemon(true); // a failed test leaves it waiting at a gate
            publisher.start();

            await().atMost(WAIT).until(() -> published.get() >= 1_500);
            broker.stop(); // SIGTERM: a clean shutdown
            sigtermDone.countDown();
            broker.start();
            await().atMost(WAIT).until(() -> published.get() >= 5_000);
            broker.kill(); // SIGKILL
            sigkillDone.countDown();
            try {
                // the outage outlasts delivery.timeout.ms: the producer gives the batch up and the publisher says so
                await().atMost(WAIT).until(() -> p.status().lastError().isPresent());
                timedOutBatch = true;
                assertTrue(published.get() < EVENTS, "the SIGKILL outage fell within the publishing");
            } finally {
                batchTimedOut.countDown();
                broker.start();
            }
            publisher.join(WAIT.toMillis());
            assertEquals(null, publishFailed.get(), "publish never failed");
            assertEquals(EVENTS, published.get());
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> p.status().undeliveredBytes() == 0
                    && p.status().lastError().isEmpty());
            assertEquals(0, p.status().dropped(), "no event dropped: " + p.status().summary());
            assertEquals(0, p.status().deadLettered(), "no event dead-lettered: " + p.status().summary());
        }

        List<ConsumerRecord<String, String>> records = Topics.readAll(k.bootstrapServers(), k.eventsTopic());
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        int newest = -1;
        int previous = -1;
        int rewinds = 0;
        for (ConsumerRecord<String, String> r : records) {
            TunerEvent e = EventCodec.decode(r.value().getBytes(StandardCharsets.UTF_8));
            int n = e.data().get("n").asInt();
            if (seen.merge(e.id().toString(), 1, Integer::sum) == 1) {
                order.add(n);
            }
            if (n > newest + 1) {
                throw new AssertionError("event " + n + " at offset " + r.offset() + " arrived before event "
                        + (newest + 1));
            }
            if (n <= newest && n != previous + 1) {
                rewinds++; // a redelivery starts again from an event Kafka had not acknowledged
            }
            newest = Math.max(newest, n);
            previous = n;
        }
        long lost = ids.stream().filter(id -> !seen.containsKey(id)).count();
        int duplicated = records.size() - seen.size();
        System.out.printf("BrokerOutageIT: %d events published, %d delivered (distinct ids), %d lost, %d duplicated "
                        + "in %d redeliveries; outages: SIGTERM, SIGKILL beyond delivery.timeout.ms=%s ms (batch timed "
                        + "out: %s); %d s%n", EVENTS, seen.size(), lost, duplicated, rewinds, DELIVERY_TIMEOUT_MS,
                timedOutBatch, Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        assertEquals(0, lost, "every event delivered");
        assertEquals(EVENTS, seen.size());
        for (int i = 0; i < EVENTS; i++) {
            if (order.get(i) != i) {
                throw new AssertionError("out of order at position " + i + ": event " + order.get(i));
            }
        }
        assertTrue(rewinds <= 2, "at most one redelivery per outage (2 outages), got " + rewinds);
    }
}
