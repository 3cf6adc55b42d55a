package org.tunerd.daemon.device.sim;

import java.util.Arrays;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * Turns a true latency and energy into what a measurement protocol reports: the workload's warm-up runs
 * are drawn and discarded, then each of its repetitions is drawn with noise, and the median is reported,
 * as a real board's runner does.
 *
 * <p>Each run draws a latency factor {@code a} and a power factor {@code b} from the noise:
 * {@code latency_i = latency a}, {@code energy_i = energy a b} (energy is power integrated over the run, so
 * a slower run costs more energy). Latency and energy medians are taken separately. Without noise this
 * returns the true values exactly. A NaN energy (no sensor) stays NaN.
 */
public final class NoisyRepeats {

    private NoisyRepeats() {
    }

    public static Measurement measure(Configuration configuration, double latency, double energy, Workload workload,
                                      LognormalNoise noise) {
        for (int i = 0; i < workload.warmups(); i++) {
            noise.factor();
            noise.factor();
        }
        int n = workload.repetitions();
        double[] latencies = new double[n];
        double[] energies = new double[n];
        for (int i = 0; i < n; i++) {
            double a = noise.factor();
            double b = noise.factor();
            latencies[i] = latency * a;
            energies[i] = energy * a * b;
        }
        return new Measurement(configuration, median(latencies), Double.isNaN(energy) ? Double.NaN : median(energies));
    }

    /** The median of {@code values} (mean of the two middle values for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
