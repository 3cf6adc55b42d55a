package org.tunerd.models.data;

/** A performance metric the tuner models and optimises. */
public enum Metric {
    /** Seconds for one inference. */
    LATENCY("latency", "s"),
    /** Energy of one inference, in the unit of the measuring device (joules on a live board). */
    ENERGY("energy", "J");

    private final String key;
    private final String unit;

    Metric(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** Lower-case name used in files, events and the command line. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }

    /** Parses {@code latency} or {@code energy} (any case). */
    public static Metric parse(String text) {
        for (Metric m : values()) {
            if (m.key.equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + text + "'; expected latency or energy");
    }
}
