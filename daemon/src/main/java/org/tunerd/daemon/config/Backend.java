package org.tunerd.daemon.config;

import java.util.Locale;

/** Which device backend the daemon drives. */
public enum Backend {
    /** An analytic board model; needs no hardware. */
    SIMULATED,
    /** Answers from a measured data set. */
    REPLAY,
    /** A real Jetson board through sysfs and debugfs. */
    JETSON;

    /** The name used in the configuration file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
