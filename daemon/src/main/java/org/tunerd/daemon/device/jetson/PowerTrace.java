package org.tunerd.daemon.device.jetson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Power samples over time, and the energy they imply.
 *
 * @param samples samples sorted by time
 * @param failed  number of sample reads that failed (left out)
 */
public record PowerTrace(List<Sample> samples, int failed) {

    /**
     * One reading.
     *
     * @param nanos time of the reading on the sampler's clock (nanoseconds)
     * @param watts total power
     */
    public record Sample(long nanos, double watts) {
    }

    public PowerTrace {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(Sample::nanos));
        samples = List.copyOf(sorted);
    }

    /**
     * Energy in joules between {@code fromNanos} and {@code toNanos}: the trapezoid rule over the samples,
     * with power at the window's edges interpolated linearly between the neighbouring samples (held constant
     * before the first and after the last sample). NaN without samples.
     */
    public double joules(long fromNanos, long toNanos) {
        if (toNanos < fromNanos) {
            throw new IllegalArgumentException("window ends before it starts: " + fromNanos + " > " + toNanos);
        }
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        double energy = 0;
        long t = fromNanos;
        double p = wattsAt(fromNanos);
        for (Sample s : samples) {
            if (s.nanos() <= fromNanos) {
                continue;
            }
            if (s.nanos() >= toNanos) {
                break;
            }
            energy += (s.nanos() - t) * 1e-9 * (p + s.watts()) / 2;
            t = s.nanos();
            p = s.watts();
        }
        energy += (toNanos - t) * 1e-9 * (p + wattsAt(toNanos)) / 2;
        return energy;
    }

    /** Mean power in watts over the window; NaN without samples or for an empty window. */
    public double meanWatts(long fromNanos, long toNanos) {
        return toNanos > fromNanos ? joules(fromNanos, toNanos) / ((toNanos - fromNanos) * 1e-9) : Double.NaN;
    }

    /** Power at {@code nanos}, interpolated linearly between samples. */
    public double wattsAt(long nanos) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        if (nanos <= first.nanos()) {
            return first.watts();
        }
        if (nanos >= last.nanos()) {
            return last.watts();
        }
        for (int i = 1; i < samples.size(); i++) {
            Sample b = samples.get(i);
            if (b.nanos() >= nanos) {
                Sample a = samples.get(i - 1);
                if (b.nanos() == a.nanos()) {
                    return b.watts();
                }
                double f = (double) (nanos - a.nanos()) / (b.nanos() - a.nanos());
                return a.watts() + f * (b.watts() - a.watts());
            }
        }
        return last.watts();
    }
}
