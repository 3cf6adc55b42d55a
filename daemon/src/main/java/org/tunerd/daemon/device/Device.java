package org.tunerd.daemon.device;

import java.time.Duration;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * A board whose configuration the tuner changes and on which it measures inference.
 *
 * <p>Options use the names of {@link org.tunerd.models.space.BoardOptions}: {@code cores} (online cores,
 * counted in the board profile's order, cpu0 first), {@code cpu_freq} (kHz), {@code gpu_freq} (Hz),
 * {@code emc_freq} (Hz). Implementations are called from one worker thread at a time, never from an
 * event loop.
 */
public interface Device extends AutoCloseable {

    /** The board and the configuration space it really offers. */
    DeviceDescription describe();

    /** The configuration the board is in now. */
    Configuration current();

    /**
     * Puts the board into {@code configuration}, all or nothing: on any failure the board is rolled back
     * to the configuration it had before the call and a {@link DeviceException} is thrown.
     */
    void apply(Configuration configuration);

    /**
     * How long to wait after {@link #apply} before measuring, when the configuration asks for {@code requested}
     * ({@code workload.settle}). A real board needs it (clocks, temperature and power rails settle); a
     * device that computes or looks up its answers does not, and returns {@link Duration#ZERO}.
     */
    default Duration settleTime(Duration requested) {
        return requested;
    }

    /** Runs {@code workload} in the current configuration: latency, and energy (NaN without a sensor). */
    Measurement measure(Workload workload);

    /** Restores every setting to the snapshot taken before the first write. */
    void restore();

    /** Releases resources; restores the snapshot if the device was configured to do so on stop. */
    @Override
    void close();
}
