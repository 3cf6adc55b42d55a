package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.config.RetuneSettings;

/** Issue 11 point 4: reloaded timer periods take effect without a restart. */
class RetuneTimersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aReloadedPeriodReplacesTheScheduledOne() {
        AtomicInteger retunes = new AtomicInteger();
        AtomicInteger driftChecks = new AtomicInteger();
        try (RetuneTimers timers = new RetuneTimers(vertx, retunes::incrementAndGet, driftChecks::incrementAndGet)) {
            timers.apply(new RetuneSettings(true, Optional.of(Duration.ofHours(6)), OptionalDouble.empty(),
                    Duration.ofHours(6)));
            // as a reload would: every 5 ms, and drift checks switched on every 5 ms
            RetuneSettings reloaded = new RetuneSettings(true, Optional.of(Duration.ofMillis(5)),
                    OptionalDouble.of(0.2), Duration.ofMillis(5));
            timers.apply(reloaded);
            await().atMost(Duration.ofSeconds(60)).until(() -> retunes.get() >= 2 && driftChecks.get() >= 2);
            assertEquals(Optional.of(reloaded), timers.scheduled());
        }
    }
}
