package org.tunerd.daemon.device.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.LognormalNoise;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Repetitions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;

/**
 * A board that answers from measured data sets, one per environment (e.g. the study's TX2 CSV files): the
 * whole daemon can run end to end on the measured behaviour of a real board.
 *
 * <p>The hardware is the data's system name; all sets are of one board and have the same option names.
 * The device offers what it can answer: the configurations measured in every set it holds (the sets' own
 * space when each covers it, as the study's grids do; otherwise the {@link ConfigurationSpace#listed
 * listed} space of the common measured configurations). {@link #apply} refuses anything else, as a real
 * board refuses a frequency it does not list, naming the option and value or that the combination was not
 * measured. A workload selects the set whose DNN (case-insensitive), input size and attributes match.
 *
 * <p>Repeated runs: each run of a measurement is a recorded run of the configuration, taken in recorded
 * order from a seeded starting run and cyclically, so that measuring a configuration again returns its
 * next recorded run rather than invented noise. A measurement of {@code r} repetitions is the per-metric
 * median of its runs; without noise it uses at most as many runs as were recorded (a recorded run is
 * not counted twice in one measurement), so {@code r} at least the recorded count gives exactly the set's
 * median. With a noise sigma each run is further scaled by seeded lognormal factors (latency {@code a},
 * energy {@code a b}, as {@link org.tunerd.daemon.device.sim.NoisyRepeats}), with {@code r} runs. Values
 * are in the data's units ({@link DeviceDescription#energyUnit()}). The device starts, and
 * {@link #restore() restores}, at the all-maximum configuration if it offers it, else at the first offered
 * one. A workload's inference command, when it has one, is run once per measurement as a rehearsal (as on the
 * {@link org.tunerd.daemon.device.sim.SimulatedDevice simulated board}): the answer is still the data's, but
 * the command, with the software option values delivered to it, must start and exit 0.
 *
 * <p>About 290 lines, a quarter of them the contract above: the offered space, the cursor over recorded runs
 * and the choice of a set all answer from the same measurement sets, which is what keeps them consistent.
 */
public final class ReplayDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDevice.class);

    private record Cursor(Environment environment, Configuration configuration) {
    }

    private final List<MeasurementSet> sets;
    private final ConfigurationSpace space;
    private final LognormalNoise noise;
    private final long seed;
    private final DeviceDescription description;
    private final Configuration initial;
    private final Map<Cursor, Integer> nextRun = new HashMap<>();
    private final org.tunerd.daemon.device.jetson.CommandRunner rehearsal =
            new org.tunerd.daemon.device.jetson.CommandRunner();
    private Configuration current;

    /**
     * @param sets       one measurement set per environment, all of the same hardware and option names
     * @param noiseSigma lognormal sigma of each run's latency and power factor; 0 = recorded values
     * @param seed       seed of the noise and of the first recorded run each configuration answers with
     */
    public ReplayDevice(List<MeasurementSet> sets, double noiseSigma, long seed) {
        this.sets = List.copyOf(sets);
        if (this.sets.isEmpty()) {
            throw new DeviceException("a replay device needs at least one measurement set");
        }
        MeasurementSet first = this.sets.get(0);
        String hardware = first.environment().hardware();
        Set<Environment> seen = new HashSet<>();
        for (MeasurementSet set : this.sets) {
            if (!set.environment().hardware().equals(hardware)) {
                throw new DeviceException("replay data mixes hardware: " + set.environment() + " is not " + hardware
                        + "; replay each board on its own device");
            }
            if (!new HashSet<>(set.space().names()).equals(new HashSet<>(first.space().names()))) {
                throw new DeviceException("replay data " + set.environment() + " has options " + set.space().names()
                        + ", unlike " + first.environment() + " with " + first.space().names());
            }
            if (!seen.add(set.environment())) {
                throw new DeviceException("replay data has two measurement sets for " + set.environment());
            }
        }
        this.space = offered(this.sets);
        this.noise = new LognormalNoise(noiseSigma, seed);
        this.seed = seed;
        Configuration max = space.maximum();
        this.initial = space.contains(max) ? max : space.get(0);
        this.current = initial;
        EnergyUnit unit = this.sets.stream().map(MeasurementSet::energyUnit).distinct().count() == 1
                ? first.energyUnit() : EnergyUnit.ofData("differs between the replayed data sets");
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("backend", "replay");
        identity.put("environments", environments().toString());
        identity.put("energy_unit", unit.description());
        identity.put("noise_sigma", Double.toString(noiseSigma));
        identity.put("seed", Long.toString(seed));
        boolean energy = this.sets.stream().flatMap(s -> s.measurements().stream()).allMatch(Measurement::hasEnergy);
        this.description = new DeviceDescription(hardware, identity, space, energy, unit);
    }

    /** What every set can answer: a shared space every set covers, else the listed common configurations. */
    private static ConfigurationSpace offered(List<MeasurementSet> sets) {
        MeasurementSet first = sets.get(0);
        List<Configuration> common = new ArrayList<>();
        for (Configuration c : first.configurations()) {
            if (sets.stream().allMatch(s -> s.find(c).isPresent())) {
                common.add(c);
            }
        }
        if (common.isEmpty()) {
            throw new DeviceException("no configuration was measured in every replayed data set "
                    + sets.stream().map(MeasurementSet::environment).toList() + "; replay them on separate devices");
        }
        if (common.size() == first.space().size()) {
            return first.space();
        }
        int most = sets.stream().mapToInt(MeasurementSet::size).max().orElseThrow();
        if (common.size() < most) {
            LOG.warn("replay device offers the {} configurations measured in every data set (one set has {}); "
                    + "replay a data set alone to offer all of its configurations", common.size(), most);
        }
        return ConfigurationSpace.listed(first.space().options(), first.space().constraints(), common);
    }

    /**
     * Reads every {@code *.csv} of {@code folder} (or the one file {@code folder} names); the data must be
     * of one board. A missing folder, an empty one or a malformed file is a {@link DeviceException}
     * naming the folder or file and line.
     */
    public static ReplayDevice fromFolder(Path folder, double noiseSigma, long seed) {
        return fromData(folder, Optional.empty(), noiseSigma, seed);
    }

    /**
     * Reads the data at {@code path} (a folder or a file) and replays the board named {@code board}
     * (hardware name, any case), or the only board of the data when empty; fails naming the boards.
     */
    public static ReplayDevice fromData(Path path, Optional<String> board, double noiseSigma, long seed) {
        ReplayData data = ReplayData.read(path);
        List<String> boards = data.boards();
        String chosen = board.orElseGet(() -> {
            if (boards.size() > 1) {
                throw new DeviceException("replay data " + path + " holds the boards " + boards
                        + "; name the one to replay (device.board)");
            }
            return boards.get(0);
        });
        List<ReplayData.Entry> entries = data.onBoard(chosen);
        if (entries.isEmpty()) {
            throw new DeviceException("replay data " + path + " has no board '" + chosen + "'; it holds " + boards);
        }
        LOG.info("replay device for {} over {} data sets from {}", entries.get(0).board(), entries.size(), path);
        return ReplayData.device(entries, noiseSigma, seed);
    }

    /** The environments the data covers, in the order given. */
    public List<Environment> environments() {
        return sets.stream().map(MeasurementSet::environment).toList();
    }

    @Override
    public DeviceDescription describe() {
        return description;
    }

    @Override
    public synchronized Configuration current() {
        return current;
    }

    /** Refuses a configuration the device does not offer (not measured in every set); then nothing changes. */
    @Override
    public synchronized void apply(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        space.violation(configuration).ifPresent(why -> {
            throw new DeviceException("cannot apply " + SoftwareValues.text(space, configuration) + ": " + why
                    + (space.isListed() ? " (the replay data did not measure it)" : ""));
        });
        current = configuration;
    }

    /** No wait: a replayed board looks its answers up in measured data, which does not change with time. */
    @Override
    public java.time.Duration settleTime(java.time.Duration requested) {
        return java.time.Duration.ZERO;
    }

    /**
     * The next recorded run(s) of the current configuration in the workload's environment (with noise), after
     * one rehearsal run of the workload's command if it has one.
     */
    @Override
    public synchronized Measurement measure(Workload workload) {
        MeasurementSet set = select(workload);
        Repetitions recorded = set.repetitions(current).orElseThrow(() -> new DeviceException(
                "replay data " + set.environment() + " has no measurement of configuration "
                        + SoftwareValues.text(space, current)));
        workload.command().ifPresent(rehearsal::run);
        for (int i = 0; i < workload.warmups(); i++) {
            noise.factor();
            noise.factor();
        }
        List<Measurement> runs = recorded.runs();
        int n = noise.sigma() == 0 ? Math.min(workload.repetitions(), runs.size()) : workload.repetitions();
        Cursor cursor = new Cursor(set.environment(), current);
        int next = nextRun.computeIfAbsent(cursor, k -> firstRun(k, runs.size()));
        double[] latency = new double[n];
        double[] energy = new double[n];
        for (int i = 0; i < n; i++) {
            Measurement run = runs.get((next + i) % runs.size());
            double a = noise.factor();
            double b = noise.factor();
            latency[i] = run.latency() * a;
            energy[i] = run.energy() * a * b;
        }
        nextRun.put(cursor, (next + n) % runs.size());
        return new Measurement(current, median(latency), median(energy));
    }

    /** The seeded recorded run a configuration answers with first. */
    private int firstRun(Cursor cursor, int count) {
        if (count == 1) {
            return 0;
        }
        long mix = seed * 0x9E3779B97F4A7C15L + cursor.environment().id().hashCode() * 31L
                + cursor.configuration().hashCode();
        return new Random(mix).nextInt(count);
    }

    /** The median of the values that are not NaN; NaN if all are. */
    private static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The measured data set of {@code workload}'s environment; fails listing the available environments. */
    public MeasurementSet data(Workload workload) {
        return select(workload);
    }

    private MeasurementSet select(Workload workload) {
        Optional<MeasurementSet> match = sets.stream().filter(s -> matches(s.environment(), workload)).findFirst();
        return match.orElseThrow(() -> {
            List<String> available = new ArrayList<>();
            sets.forEach(s -> available.add(s.environment().toString()));
            return new DeviceException("no replay data for workload " + workload.environment(description.hardware())
                    + "; available: " + available);
        });
    }

    private static boolean matches(Environment environment, Workload workload) {
        return environment.dnn().equalsIgnoreCase(workload.dnn()) && environment.width() == workload.width()
                && environment.height() == workload.height() && environment.attributes().equals(workload.attributes());
    }

    @Override
    public synchronized void restore() {
        current = initial;
    }

    /** Restores the initial configuration. */
    @Override
    public void close() {
        rehearsal.abort();
        restore();
    }
}
