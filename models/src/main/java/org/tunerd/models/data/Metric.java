package org.tunerd.models.data;

/** A performance metric the tuner models and optimises. */
public enum Metric {
    /** Seconds for one inference. */
    LATENCY("latency", "s"),
    /**
     * Energy of one inference, in the unit of the measuring device: joules on a live board, the data's own
     * units for replayed or study data. The unit of a data set is {@link MeasurementSet#energyUnit()}.
     */
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

    /**
     * The unit a live board measures this metric in ({@code s}, {@code J}). For a data set's values use
     * {@link #unit(EnergyUnit)}: study data are not in joules.
     */
    public String unit() {
        return unit;
    }

    /** The unit of this metric in data whose energy is in {@code energy}: {@code s}, or the energy unit's symbol. */
    public String unit(EnergyUnit energy) {
        return this == ENERGY ? energy.symbol() : unit;
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
