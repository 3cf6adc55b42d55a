package org.tunerd.daemon.detect;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.space.Environment;

/**
 * The one place environment reports arrive (start-up, workload file, HTTP, Kafka): it combines the
 * workload with the board's hardware, drops duplicates, and tells its {@link EnvironmentListener} of each
 * real change once, directly and in order. Thread-safe.
 */
public final class EnvironmentDetector {

    private static final Logger LOG = LoggerFactory.getLogger(EnvironmentDetector.class);

    private final String hardware;
    private final EnvironmentTracker tracker;
    private final EnvironmentListener listener;

    public EnvironmentDetector(String hardware, EnvironmentTracker tracker, EnvironmentListener listener) {
        this.hardware = Objects.requireNonNull(hardware, "hardware");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Reports the workload running now; if it differs from the current environment, tells the listener
     * before returning the change. Reports are handled one at a time, so the listener hears of changes in
     * the order the environment took them.
     */
    public synchronized Optional<EnvironmentChanged> announce(WorkloadAnnouncement workload, String source) {
        Optional<EnvironmentChanged> change = tracker.observe(workload.on(hardware), source);
        change.ifPresent(c -> {
            LOG.info("environment changed ({}): {} {}", source, c.current(), c.differences());
            listener.environmentChanged(c);
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
