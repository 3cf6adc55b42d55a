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
    private final Runnable retune;
    private final Runnable checkDrift;
    private Optional<RetuneSettings> scheduled = Optional.empty();
    private long retuneTimer = -1;
    private long driftTimer = -1;

    /**
     * @param retune     what a periodic retune does (on a Vert.x event loop: it must only queue work)
     * @param checkDrift what a drift check does (likewise)
     */
    RetuneTimers(Vertx vertx, Runnable retune, Runnable checkDrift) {
        this.vertx = vertx;
        this.retune = retune;
        this.checkDrift = checkDrift;
    }

    /** Schedules the timers {@code settings} ask for, replacing the ones scheduled before if they differ. */
    synchronized void apply(RetuneSettings settings) {
        if (scheduled.map(s -> sameTimers(s, settings)).orElse(false)) {
            return;
        }
        cancel();
        settings.interval().ifPresent(every -> retuneTimer = vertx.setPeriodic(every.toMillis(),
                id -> retune.run()));
        if (settings.driftThreshold().isPresent()) {
            driftTimer = vertx.setPeriodic(settings.driftCheckInterval().toMillis(), id -> checkDrift.run());
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
