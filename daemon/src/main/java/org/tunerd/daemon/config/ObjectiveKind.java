package org.tunerd.daemon.config;

import java.util.Locale;

/** What the tuner minimises. */
public enum ObjectiveKind {
    MIN_ENERGY,
    MIN_LATENCY,
    /** Least energy among configurations whose latency is at most the SLO. */
    MIN_ENERGY_UNDER_LATENCY_SLO,
    /** A weighted sum of latency and energy. */
    WEIGHTED;

    /** The name used in the configuration file, e.g. {@code min-energy-under-latency-slo}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
