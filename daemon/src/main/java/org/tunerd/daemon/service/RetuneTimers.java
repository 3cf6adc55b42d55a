package org.tunerd.daemon.service;

import io.vertx.core.Vertx;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.RetuneSettings;

/**
 * The periodic timers of {@code retune}: a retune every {@code interval}, a drift check every
 * {@code driftCheckInterval} while a {@code driftThreshold} is set. {@link #apply} (re)schedules them for the
 * settings in force, so a reload changes them without a restart. Thread-safe.
 */
final class RetuneTimers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetuneTimers.class);

    private final Vertx vertx;
    private final Tuner tuner;
    private Optional<RetuneSettings> scheduled = Optional.empty();
    private long retuneTimer = -1;
    private long driftTimer = -1;

    RetuneTimers(Vertx vertx, Tuner tuner) {
        this.vertx = vertx;
        this.tuner = tuner;
    }

    /** Schedules the timers {@code settings} ask for, replacing the ones scheduled before if they differ. */
    synchronized void apply(RetuneSettings settings) {
        if (scheduled.map(s -> sameTimers(s, settings)).orElse(false)) {
            return;
        }
        cancel();
        settings.interval().ifPresent(every -> retuneTimer = vertx.setPeriodic(every.toMillis(),
                id -> tuner.actions().retune("periodic")));
        if (settings.driftThreshold().isPresent()) {
            driftTimer = vertx.setPeriodic(settings.driftCheckInterval().toMillis(), id -> tuner.checkDrift());
        }
        if (scheduled.isPresent()) {
            LOG.info("retune timers now: interval {}, drift checks {}", settings.interval().map(Object::toString)
                    .orElse("off"), settings.driftThreshold().isPresent() ? "every " + settings.driftCheckInterval() : "off");
        }
        scheduled = Optional.of(settings);
    }

    /** The timers scheduled now: the retune period and the drift-check period (empty: not scheduled). */
    synchronized Optional<RetuneSettings> scheduled() {
        return scheduled;
    }

    private static boolean sameTimers(RetuneSettings a, RetuneSettings b) {
        return a.interval().equals(b.interval()) && a.driftThreshold().isPresent() == b.driftThreshold().isPresent()
                && a.driftCheckInterval().equals(b.driftCheckInterval());
    }

    private void cancel() {
        if (retuneTimer >= 0) {
            vertx.cancelTimer(retuneTimer);
            retuneTimer = -1;
        }
        if (driftTimer >= 0) {
            vertx.cancelTimer(driftTimer);
            driftTimer = -1;
        }
    }

    @Override
    public synchronized void close() {
        cancel();
    }
}
