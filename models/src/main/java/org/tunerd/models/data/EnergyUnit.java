package org.tunerd.models.data;

import java.util.Objects;

/**
 * The unit of a data set's energy values, carried with the data so that reports and metrics print what is
 * true: joules where a live board integrated its power sensor, "units of the data" where a file recorded
 * a study's own energy measure (for example a sum of power samples), unspecified where nobody said.
 *
 * @param symbol      what follows a number in reports, e.g. {@code J}
 * @param description what the unit is, for headers and help texts
 */
public record EnergyUnit(String symbol, String description) {

    /** Joules: energy a live board (or the simulator) integrated from power in watts over seconds. */
    public static final EnergyUnit JOULES = new EnergyUnit("J", "joules");

    /** Nobody said which unit (data built without one, or a store written before units were recorded). */
    public static final EnergyUnit UNSPECIFIED = new EnergyUnit("units", "energy unit not recorded");

    public EnergyUnit {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(description, "description");
        if (symbol.isBlank() || description.isBlank()) {
            throw new IllegalArgumentException("an energy unit needs a symbol and a description");
        }
    }

    /**
     * The units a data file recorded, consistent within the data but not physical units:
     * {@code what} says where they come from (e.g. the column name and the file).
     */
    public static EnergyUnit ofData(String what) {
        return new EnergyUnit("units", "units of the data (" + what + ")");
    }

    /** True for joules (only then may a metric be named {@code _joules}). */
    public boolean isJoules() {
        return equals(JOULES);
    }

    @Override
    public String toString() {
        return description;
    }
}
