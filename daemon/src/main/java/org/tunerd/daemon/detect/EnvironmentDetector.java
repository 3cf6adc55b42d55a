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
    /** The source of the configuration file's workload at start-up. */
    public static final String STARTUP = "startup";
    /** The source of the configuration file's workload when a reload changed it. */
    public static final String RELOAD = "reload";

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

    /**
     * The start-up report of the configuration file's workload. A workload announced at run time (HTTP, Kafka,
     * the workload file) before a restart stays in force, so the restart goes on with it (and resumes its
     * interrupted session), unless the file's workload changed since that announcement or the board did: then
     * the file's workload is reported as by {@link #announce} with source {@code startup}. Returns the change,
     * or empty when the environment in force stays (the caller tunes it again).
     */
    public synchronized Optional<EnvironmentChanged> startUp(WorkloadAnnouncement configured) {
        Environment fromFile = configured.on(hardware);
        Optional<EnvironmentTracker.Remembered> before = tracker.remembered();
        boolean keepAnnounced = before.filter(r -> !fromConfigurationFile(r.source()))
                .filter(r -> r.environment().hardware().equals(hardware))
                .filter(r -> r.configured().equals(Optional.of(fromFile)))
                .isPresent();
        tracker.configuredAs(fromFile);
        if (keepAnnounced) {
            LOG.info("keeping {} as announced by {} before the restart (the configuration file's workload {} "
                    + "applies again when the file's workload changes)", before.get().environment(),
                    before.get().source(), fromFile);
            return Optional.empty();
        }
        return announce(configured, STARTUP);
    }

    /**
     * A reload changed the configuration file's workload: it is reported (source {@code reload}) and becomes
     * what a restart compares the file against. Returns the change, if the environment changed.
     */
    public synchronized Optional<EnvironmentChanged> reloaded(WorkloadAnnouncement configured) {
        tracker.configuredAs(configured.on(hardware));
        return announce(configured, RELOAD);
    }

    private static boolean fromConfigurationFile(String source) {
        return STARTUP.equals(source) || RELOAD.equals(source);
    }

    /** Who reported {@code environment}, if it is the one in force (e.g. {@code startup}, {@code kafka}). */
    public Optional<String> sourceOf(Environment environment) {
        return tracker.sourceOf(environment);
    }

    public Optional<Environment> current() {
        return tracker.current();
    }

    public String hardware() {
        return hardware;
    }
}
