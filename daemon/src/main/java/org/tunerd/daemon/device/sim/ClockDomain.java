package org.tunerd.daemon.device.sim;

import java.util.List;
import java.util.Objects;
import org.tunerd.models.space.Option;

/**
 * One clock of the simulated board: the frequencies it offers and the supply voltage at each.
 *
 * <p>Voltage follows the DVFS table of a real SoC only roughly: it rises linearly from {@code vMin} at the
 * lowest offered frequency to {@code vMax} at the highest, {@code V(f) = vMin + (vMax - vMin) (f - fMin) /
 * (fMax - fMin)}. Dynamic energy per cycle is proportional to {@code V^2}, so a cycle costs more energy at a
 * high clock than at a low one: this is why the fastest setting is not the most energy-efficient.
 *
 * @param option      option name in the configuration space, e.g. {@code gpu_freq}
 * @param frequencies offered values in the option's unit, ascending
 * @param hzPerUnit   1000 for kHz (cpu_freq), 1 for Hz
 * @param vMin        volts at the lowest frequency
 * @param vMax        volts at the highest frequency
 */
public record ClockDomain(String option, List<Double> frequencies, double hzPerUnit, double vMin, double vMax) {

    public ClockDomain {
        Objects.requireNonNull(option, "option");
        frequencies = List.copyOf(frequencies);
        if (frequencies.isEmpty()) {
            throw new IllegalArgumentException("clock '" + option + "' offers no frequencies");
        }
        for (int i = 1; i < frequencies.size(); i++) {
            if (!(frequencies.get(i - 1) < frequencies.get(i))) {
                throw new IllegalArgumentException("clock '" + option + "': frequencies must be ascending, got "
                        + frequencies);
            }
        }
        if (!(frequencies.get(0) > 0) || !(hzPerUnit > 0)) {
            throw new IllegalArgumentException("clock '" + option + "': frequencies and unit must be positive");
        }
        if (!(vMin > 0) || vMax < vMin) {
            throw new IllegalArgumentException("clock '" + option + "': need 0 < vMin <= vMax, got " + vMin + ", " + vMax);
        }
    }

    /** The configuration-space option for this clock. */
    public Option toOption() {
        return Option.ordinal(option, frequencies);
    }

    /** {@code value} (in the option's unit) converted to Hz. */
    public double hz(double value) {
        return value * hzPerUnit;
    }

    public double maxHz() {
        return hz(frequencies.get(frequencies.size() - 1));
    }

    /** Supply voltage at {@code value} (in the option's unit), interpolated linearly over the offered range. */
    public double voltage(double value) {
        double lo = frequencies.get(0);
        double hi = frequencies.get(frequencies.size() - 1);
        if (hi == lo) {
            return vMax;
        }
        double x = Math.max(0, Math.min(1, (value - lo) / (hi - lo)));
        return vMin + (vMax - vMin) * x;
    }
}
