package org.tunerd.daemon.device.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/**
 * The constants of one simulated Jetson-like board: what it offers (cores, clock tables) and how fast and
 * how power-hungry it is. Two profiles are built in: {@link #tx2Like()} (the study's TX2 space) and
 * {@link #xavierLike()} (other clock tables, more cores, a wider GPU and memory bus), so that a hardware
 * change is visible to the tuner.
 *
 * @param name             profile name used in configuration, e.g. {@code tx2}
 * @param hardware         hardware name reported in environments, e.g. {@code sim-tx2}
 * @param description      human-readable description
 * @param maxCores         CPU cores that can be online (option {@code cores} = 1..maxCores)
 * @param cpu              CPU clock, option {@code cpu_freq} in kHz
 * @param gpu              GPU clock, option {@code gpu_freq} in Hz
 * @param emc              memory clock, option {@code emc_freq} in Hz
 * @param gpuFlopsPerCycle peak FP32 operations per GPU cycle (2 x CUDA cores)
 * @param emcBytesPerCycle peak DRAM bytes per EMC cycle (bus width x transfers per cycle)
 * @param memoryEfficiency achieved fraction of peak DRAM bandwidth, 0..1
 * @param launchCycles     CPU cycles the framework spends to dispatch one GPU kernel
 * @param syncCycles       CPU cycles of coordination each additional worker core adds to pre/post-processing
 * @param powerBudget      average power the board sustains before the GPU is throttled (a power mode), W;
 *                         {@code Double.POSITIVE_INFINITY} for none
 * @param power            power constants
 */
public record SimulatedBoard(String name, String hardware, String description, int maxCores, ClockDomain cpu,
                           ClockDomain gpu, ClockDomain emc, double gpuFlopsPerCycle, double emcBytesPerCycle,
                           double memoryEfficiency, double launchCycles, double syncCycles, double powerBudget,
                           PowerCoefficients power) {

    public SimulatedBoard {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(power, "power");
        if (maxCores < 1) {
            throw new IllegalArgumentException("board '" + name + "': maxCores must be >= 1, got " + maxCores);
        }
        requireOption(name, cpu, BoardOptions.CPU_FREQ);
        requireOption(name, gpu, BoardOptions.GPU_FREQ);
        requireOption(name, emc, BoardOptions.EMC_FREQ);
        if (!(gpuFlopsPerCycle > 0) || !(emcBytesPerCycle > 0) || !(memoryEfficiency > 0) || memoryEfficiency > 1
                || launchCycles < 0 || syncCycles < 0 || !(powerBudget > 0)) {
            throw new IllegalArgumentException("board '" + name + "': invalid throughput constants");
        }
    }

    private static void requireOption(String board, ClockDomain clock, String option) {
        Objects.requireNonNull(clock, option);
        if (!clock.option().equals(option)) {
            throw new IllegalArgumentException("board '" + board + "': clock for " + option + " is named '"
                    + clock.option() + "'");
        }
    }

    /** The space {@code cores x cpu_freq x gpu_freq x emc_freq} this board offers. */
    public ConfigurationSpace space() {
        List<Option> options = new ArrayList<>();
        options.add(Option.ordinal(BoardOptions.CORES,
                IntStream.rangeClosed(1, maxCores).mapToObj(i -> (double) i).toList()));
        options.add(cpu.toOption());
        options.add(gpu.toOption());
        options.add(emc.toOption());
        return new ConfigurationSpace(options);
    }

    /**
     * A TX2-like board: 4 Cortex-A57 cores, the 12 CPU, 4 GPU and 4 EMC frequencies of the study's data,
     * a 256-core Pascal GPU (512 FLOP/cycle) and 128-bit LPDDR4 (32 bytes per EMC cycle, 59.7 GB/s peak).
     * Power constants put the module at roughly 2 W idle and up to 11 W flat out; a 10 W budget throttles the
     * GPU on heavy inputs at high clocks.
     */
    public static SimulatedBoard tx2Like() {
        return new SimulatedBoard("tx2", "sim-tx2", "simulated Jetson TX2-like board", 4,
                new ClockDomain(BoardOptions.CPU_FREQ, List.of(345600.0, 499200.0, 652800.0, 806400.0, 960000.0,
                        1113600.0, 1267200.0, 1420800.0, 1574400.0, 1728000.0, 1881600.0, 2035200.0), 1000, 0.80, 1.10),
                new ClockDomain(BoardOptions.GPU_FREQ,
                        List.of(140250000.0, 497250000.0, 943500000.0, 1300500000.0), 1, 0.76, 1.07),
                new ClockDomain(BoardOptions.EMC_FREQ,
                        List.of(1062400000.0, 1331200000.0, 1600000000.0, 1866000000.0), 1, 1.00, 1.10),
                512, 32, 0.6, 400_000, 2_000_000, 10.0,
                new PowerCoefficients(1.6, 0.15, 0.40, 5.0e-10, 0.1, 3.8e-9, 0.15, 1.0, 40e-12));
    }

    /**
     * A Xavier-like board: 8 Carmel cores, a subset of Xavier's CPU, GPU and EMC tables, a 512-core Volta
     * GPU (1024 FLOP/cycle) and 256-bit LPDDR4x (64 bytes per EMC cycle, 137 GB/s peak). Higher static
     * power, more throughput per clock than {@link #tx2Like()}; a 19 W budget.
     */
    public static SimulatedBoard xavierLike() {
        return new SimulatedBoard("xavier", "sim-xavier", "simulated Jetson AGX Xavier-like board", 8,
                new ClockDomain(BoardOptions.CPU_FREQ, List.of(422400.0, 729600.0, 1036800.0, 1344000.0, 1651200.0,
                        1958400.0, 2188800.0, 2265600.0), 1000, 0.75, 1.05),
                new ClockDomain(BoardOptions.GPU_FREQ, List.of(318750000.0, 522750000.0, 675750000.0, 905250000.0,
                        1198500000.0, 1377000000.0), 1, 0.65, 1.05),
                new ClockDomain(BoardOptions.EMC_FREQ,
                        List.of(800000000.0, 1331200000.0, 1600000000.0, 2133000000.0), 1, 0.95, 1.10),
                1024, 64, 0.6, 300_000, 1_500_000, 19.0,
                new PowerCoefficients(3.0, 0.20, 0.80, 6.0e-10, 0.1, 7.9e-9, 0.15, 1.5, 30e-12));
    }

    private static final Map<String, java.util.function.Supplier<SimulatedBoard>> BUILT_IN =
            Map.of("tx2", SimulatedBoard::tx2Like, "xavier", SimulatedBoard::xavierLike, "orin", OrinBoard::agxOrin);

    /** Names of the built-in profiles, sorted. */
    public static List<String> names() {
        return BUILT_IN.keySet().stream().sorted().toList();
    }

    /** The built-in profile called {@code name} (case-insensitive); fails listing the profiles. */
    public static SimulatedBoard named(String name) {
        var supplier = BUILT_IN.get(name.trim().toLowerCase(Locale.ROOT));
        if (supplier == null) {
            throw new IllegalArgumentException("unknown simulated board profile '" + name + "'; available: " + names());
        }
        return supplier.get();
    }
}
