package org.tunerd.daemon.device.sim;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.space.BoardOptions;

/**
 * The simulated Jetson AGX Orin (64 GB module, MAXN): the board's own clock tables, so that the tuner meets
 * an Orin-size space (12 cores x 29 CPU x 13 GPU x 4 EMC = 18,096 configurations) rather than the TX2's 768.
 *
 * <ul>
 *   <li>12 Cortex-A78AE cores (three clusters of four; the simulation treats them as one clock);</li>
 *   <li>CPU: the 29 cpufreq steps of L4T 35, 115.2 MHz to 2.2016 GHz (76.8 MHz apart, plus the top step);</li>
 *   <li>GPU (ga10b devfreq): the 13 steps 114.75 MHz to 1.3005 GHz;</li>
 *   <li>EMC (bpmp {@code possible_rates}): 204 MHz, 665.6 MHz, 2.133 GHz, 3.199 GHz.</li>
 * </ul>
 * The tables are those an AGX Orin 64 GB lists under MAXN (confirm on hardware before relying on a value);
 * throughput: a 2048-core Ampere GPU (4096 FLOP/cycle), 256-bit LPDDR5 (64 bytes per EMC cycle, 204.8 GB/s
 * peak), a 60 W budget (MAXN). Power constants are scaled from {@link SimulatedBoard#xavierLike()}: roughly
 * 5 W idle and 50-60 W flat out. Kept apart from {@link SimulatedBoard} so that the profile is one file.
 */
final class OrinBoard {

    private OrinBoard() {
    }

    /** CPU steps in kHz: 115200 + 76800 k for k = 0..27, then 2201600. */
    static List<Double> cpuTable() {
        List<Double> khz = new ArrayList<>();
        for (int k = 0; k <= 27; k++) {
            khz.add(115200.0 + 76800.0 * k);
        }
        khz.add(2201600.0);
        return khz;
    }

    /** GPU steps in Hz: 114.75 MHz + 102 MHz k for k = 0..11, then 1300.5 MHz. */
    static List<Double> gpuTable() {
        List<Double> hz = new ArrayList<>();
        for (int k = 0; k <= 11; k++) {
            hz.add(114_750_000.0 + 102_000_000.0 * k);
        }
        hz.add(1_300_500_000.0);
        return hz;
    }

    static SimulatedBoard agxOrin() {
        return new SimulatedBoard("orin", "sim-orin", "simulated Jetson AGX Orin 64GB board (MAXN clock tables)", 12,
                new ClockDomain(BoardOptions.CPU_FREQ, cpuTable(), 1000, 0.60, 1.05),
                new ClockDomain(BoardOptions.GPU_FREQ, gpuTable(), 1, 0.60, 1.05),
                new ClockDomain(BoardOptions.EMC_FREQ,
                        List.of(204_000_000.0, 665_600_000.0, 2_133_000_000.0, 3_199_000_000.0), 1, 0.90, 1.10),
                4096, 64, 0.6, 250_000, 1_200_000, 60.0,
                new PowerCoefficients(5.0, 0.25, 2.0, 6.0e-10, 0.1, 2.4e-8, 0.15, 3.0, 25e-12));
    }
}
