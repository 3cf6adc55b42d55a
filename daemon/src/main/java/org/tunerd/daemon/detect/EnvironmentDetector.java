package org.tunerd.daemon.detect;

import io.vertx.core.Vertx;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.space.Environment;

/**
 * The one place environment reports arrive (start-up, workload file, HTTP, Kafka): it combines the
 * workload with the board's hardware, drops duplicates, and publishes each real change once on the event
 * bus at {@link EnvironmentChanged#ADDRESS}. Thread-safe.
 */
public final class EnvironmentDetector {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentDetector.class);

    private final Vertx vertx;
    private final String hardware;
    private final EnvironmentTracker tracker;

    public EnvironmentDetector(Vertx vertx, String hardware, EnvironmentTracker tracker) {
        this.vertx = vertx;
        this.hardware = hardware;
        this.tracker = tracker;
        registerCodec(vertx);
    }

    /** Registers the local codec for {@link EnvironmentChanged} once per Vert.x instance. */
    public static void registerCodec(Vertx vertx) {
        try {
            vertx.eventBus().registerDefaultCodec(EnvironmentChanged.class, new LocalCodec<>(EnvironmentChanged.class));
        } catch (IllegalStateException alreadyRegistered) {
            // another detector on this Vert.x instance registered it
        }
    }

    /** Reports the workload running now; publishes a change if it differs from the current environment. */
    public Optional<EnvironmentChanged> announce(WorkloadAnnouncement workload, String source) {
        Optional<EnvironmentChanged> change = tracker.observe(workload.on(hardware), source);
        change.ifPresent(c -> {
            LOG.info("environment changed ({}): {} {}", source, c.current(), c.differences());
            vertx.eventBus().publish(EnvironmentChanged.ADDRESS, c);
        });
        return change;
    }

    public Optional<Environment> current() {
        return tracker.current();
    }

    public String hardware() {
        return hardware;
    }
}
