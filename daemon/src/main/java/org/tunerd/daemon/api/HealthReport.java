package org.tunerd.daemon.api;

import java.util.Map;

/**
 * Whether the daemon works, with one line per check (device, store, kafka, ...).
 *
 * @param healthy false answers {@code GET /health} with 503
 * @param checks  check name to a short state, e.g. {@code kafka} = {@code unreachable, 12 events journaled}
 */
public record HealthReport(boolean healthy, Map<String, String> checks) {

    public HealthReport {
        checks = Map.copyOf(checks);
    }
}
