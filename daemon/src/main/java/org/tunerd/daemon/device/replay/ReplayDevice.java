package org.tunerd.daemon.device.replay;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.LognormalNoise;
import org.tunerd.daemon.device.sim.NoisyRepeats;
import org.tunerd.models.data.DatasetFormatException;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * A device that answers from measured data sets, one per environment (e.g. the study's TX2 CSV files):
 * the whole daemon can run end to end on the measured behaviour of a real board.
 *
 * <p>The hardware is the data's system name; the space is the data's space (all sets must share the
 * options and the hardware). A workload selects the set whose DNN (case-insensitive), input size and
 * attributes match; {@link #apply} refuses a configuration outside the space or measured by no set, and
 * {@link #measure} refuses one its environment's set lacks. Without noise a measurement is exactly the
 * recorded value, in the data's units; with noise each repetition is scaled by seeded lognormal factors
 * and the median reported ({@link NoisyRepeats}). The device starts, and {@link #restore() restores}, at the
 * space's all-maximum configuration if it was measured, else at the first measured configuration.
 * A workload's inference command is not run.
 */
public final class ReplayDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDevice.class);

    private final List<MeasurementSet> sets;
    private final ConfigurationSpace space;
    private final Set<Configuration> measured;
    private final LognormalNoise noise;
    private final DeviceDescription description;
    private final Configuration initial;
    private Configuration current;

    /**
     * @param sets       one measurement set per environment, all of the same hardware and options
     * @param noiseSigma lognormal sigma of each repetition's latency and power factor; 0 = recorded values
     * @param seed       seed of the noise
     */
    public ReplayDevice(List<MeasurementSet> sets, double noiseSigma, long seed) {
        this.sets = List.copyOf(sets);
        if (this.sets.isEmpty()) {
            throw new DeviceException("a replay device needs at least one measurement set");
        }
        MeasurementSet first = this.sets.get(0);
        String hardware = first.environment().hardware();
        Set<Environment> seen = new HashSet<>();
        this.measured = new HashSet<>();
        for (MeasurementSet set : this.sets) {
            if (!set.environment().hardware().equals(hardware)) {
                throw new DeviceException("replay data mixes hardware: " + set.environment() + " is not " + hardware);
            }
            if (!set.space().options().equals(first.space().options())) {
                throw new DeviceException("replay data " + set.environment() + " has space " + set.space()
                        + ", unlike " + first.environment() + " with " + first.space());
            }
            if (!seen.add(set.environment())) {
                throw new DeviceException("replay data has two measurement sets for " + set.environment());
            }
            measured.addAll(set.configurations());
        }
        this.space = first.space();
        this.noise = new LognormalNoise(noiseSigma, seed);
        Configuration max = space.maximum();
        this.initial = measured.contains(max) ? max : first.get(0).configuration();
        this.current = initial;
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("backend", "replay");
        identity.put("environments", environments().toString());
        identity.put("energy_unit", "as recorded in the data (the study: sum of 10 ms samples of total power in mW)");
        identity.put("noise_sigma", Double.toString(noiseSigma));
        identity.put("seed", Long.toString(seed));
        boolean energy = this.sets.stream().flatMap(s -> s.measurements().stream()).allMatch(Measurement::hasEnergy);
        this.description = new DeviceDescription(hardware, identity, space, energy);
    }

    /**
     * Reads every {@code *.csv} of {@code folder} with {@link StudyCsvReader#readFolder}; a missing folder,
     * an empty one or a malformed file is a {@link DeviceException} naming the folder or file and line.
     */
    public static ReplayDevice fromFolder(Path folder, double noiseSigma, long seed) {
        List<MeasurementSet> sets;
        try {
            sets = StudyCsvReader.readFolder(folder);
        } catch (UncheckedIOException | DatasetFormatException e) {
            throw new DeviceException("cannot load replay data from " + folder + ": " + e.getMessage(), e);
        }
        if (sets.isEmpty()) {
            throw new DeviceException("no *.csv measurement files in replay folder " + folder);
        }
        LOG.info("replay device over {} data sets from {}", sets.size(), folder);
        return new ReplayDevice(sets, noiseSigma, seed);
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

    /** Refuses a configuration outside the data's space or measured in no data set; then nothing changes. */
    @Override
    public synchronized void apply(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        space.violation(configuration).ifPresent(why -> {
            throw new DeviceException("cannot apply " + configuration + ": " + why);
        });
        if (!measured.contains(configuration)) {
            throw new DeviceException("cannot apply " + configuration + ": no replay data set measured it");
        }
        current = configuration;
    }

    /** The recorded measurement of the current configuration in the workload's environment (with noise). */
    /** No wait: a replayed board looks its answers up in measured data, which does not change with time. */
    @Override
    public java.time.Duration settleTime(java.time.Duration requested) {
        return java.time.Duration.ZERO;
    }

    @Override
    public synchronized Measurement measure(Workload workload) {
        MeasurementSet set = select(workload);
        Measurement recorded = set.find(current).orElseThrow(() -> new DeviceException(
                "replay data " + set.environment() + " has no measurement of configuration " + current));
        return NoisyRepeats.measure(current, recorded.latency(), recorded.energy(), workload, noise);
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
        restore();
    }
}
