package org.tunerd.daemon.service;

import java.util.function.Supplier;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.EnvironmentChanged;
import org.tunerd.daemon.detect.EnvironmentListener;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;

/**
 * What an environment change does: publishes {@code environment.changed} and, unless
 * {@code retune.onEnvironmentChange} is off, asks for a session for the new environment. The detector
 * calls it directly, on the thread that reported the workload.
 */
final class RetuneOnChange implements EnvironmentListener {

    private final EventPublisher events;
    private final SessionRunner runner;
    private final Supplier<TunerConfig> config;

    RetuneOnChange(EventPublisher events, SessionRunner runner, Supplier<TunerConfig> config) {
        this.events = events;
        this.runner = runner;
        this.config = config;
    }

    @Override
    public void environmentChanged(EnvironmentChanged change) {
        events.publish(new EventPayload.EnvironmentChanged(change.previous(), change.current(), change.source(),
                change.differences(), change.isHardwareChange()));
        if (config.get().retune().onEnvironmentChange()) {
            runner.tune(change.current(), "environment changed (" + String.join(", ", change.differences()) + ")",
                    true);
        }
    }
}
