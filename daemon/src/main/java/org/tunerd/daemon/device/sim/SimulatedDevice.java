package org.tunerd.daemon.device.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.jetson.CommandRunner;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.SoftwareValues;

/**
 * A Jetson-like board simulated by an {@link AnalyticModel}: the embedded default for demos and tests when
 * no board is present. It starts, and {@link #restore() restores}, at the all-maximum configuration (what
 * MAXN plus jetson_clocks would set). Measurements are the model's values with seeded lognormal noise
 * ({@link NoisyRepeats}); energy is in joules. The DNN must be in the {@link DnnCatalogue}; any positive
 * input size is accepted. Workload attributes are part of the environment's identity but do not change
 * the simulated physics.
 *
 * <p>Software knob: given batch sizes, the device also offers the software option
 * {@value AnalyticModel#BATCH_SIZE} (images per request), which the {@link AnalyticModel} models (latency per
 * request rises with it, energy per image falls). Without them the space is the board's hardware space.
 *
 * <p>A workload's inference command, when it has one, is run once per measurement as a rehearsal: the
 * answer is still the model's, but the command must start and exit 0 (within its timeout), so a user's
 * command and the software option values delivered to it are exercised before a real board runs them.
 */
public final class SimulatedDevice implements Device {

    /** Default relative noise of one run (about 2 %). */
    public static final double DEFAULT_NOISE_SIGMA = 0.02;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDevice.class);

    private final AnalyticModel model;
    private final ConfigurationSpace space;
    private final LognormalNoise noise;
    private final DeviceDescription description;
    private final Configuration initial;
    private final CommandRunner rehearsal = new CommandRunner();
    private Configuration current;

    /**
     * @param board      the simulated board
     * @param noiseSigma lognormal sigma of each run's latency and power factor; 0 = exact model values
     * @param seed       seed of the noise
     */
    public SimulatedDevice(SimulatedBoard board, double noiseSigma, long seed) {
        this(board, List.of(), noiseSigma, seed);
    }

    /**
     * @param board      the simulated board
     * @param batchSizes the values of the software option {@value AnalyticModel#BATCH_SIZE} the device offers
     *                   (each at least 1); empty = no batch option
     * @param noiseSigma lognormal sigma of each run's latency and power factor; 0 = exact model values
     * @param seed       seed of the noise
     */
    public SimulatedDevice(SimulatedBoard board, List<Long> batchSizes, double noiseSigma, long seed) {
        this.model = new AnalyticModel(Objects.requireNonNull(board, "board"));
        this.space = withBatchSizes(board.space(), batchSizes);
        this.noise = new LognormalNoise(noiseSigma, seed);
        this.initial = space.maximum();
        this.current = initial;
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("backend", "simulated");
        identity.put("profile", board.name());
        identity.put("model", board.description());
        identity.put("energy_unit", "J");
        identity.put("noise_sigma", Double.toString(noiseSigma));
        identity.put("seed", Long.toString(seed));
        this.description = new DeviceDescription(board.hardware(), identity, space, true, EnergyUnit.JOULES);
    }

    private static ConfigurationSpace withBatchSizes(ConfigurationSpace hardware, List<Long> batchSizes) {
        if (batchSizes.isEmpty()) {
            return hardware;
        }
        if (batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new DeviceException(AnalyticModel.BATCH_SIZE + " values must be at least 1, got " + batchSizes);
        }
        List<Option> options = new ArrayList<>(hardware.options());
        options.add(Option.ordinal(AnalyticModel.BATCH_SIZE, batchSizes.stream().map(Long::doubleValue).toList()));
        return new ConfigurationSpace(options, hardware.constraints());
    }

    /** The TX2-like board with the default noise. */
    public static SimulatedDevice tx2(long seed) {
        return new SimulatedDevice(SimulatedBoard.tx2Like(), DEFAULT_NOISE_SIGMA, seed);
    }

    /** The built-in profile {@code profile} ({@link SimulatedBoard#names()}); fails listing the profiles. */
    public static SimulatedDevice create(String profile, double noiseSigma, long seed) {
        return create(profile, List.of(), noiseSigma, seed);
    }

    /** {@link #create(String, double, long)} offering the batch sizes {@code batchSizes} (empty: none). */
    public static SimulatedDevice create(String profile, List<Long> batchSizes, double noiseSigma, long seed) {
        try {
            return new SimulatedDevice(SimulatedBoard.named(profile), batchSizes, noiseSigma, seed);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(e.getMessage(), e);
        }
    }

    @Override
    public DeviceDescription describe() {
        return description;
    }

    @Override
    public synchronized Configuration current() {
        return current;
    }

    /** Validates {@code configuration} against the space; a rejected one leaves the device unchanged. */
    @Override
    public synchronized void apply(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        space.violation(configuration).ifPresent(why -> {
            throw new DeviceException("cannot apply " + SoftwareValues.text(space, configuration) + " on " + description.hardware() + ": " + why);
        });
        LOG.debug("{}: {} -> {}", description.hardware(), current, configuration);
        current = configuration;
    }

    /** No wait: a simulated board computes its answers from a model, which does not change with time. */
    @Override
    public java.time.Duration settleTime(java.time.Duration requested) {
        return java.time.Duration.ZERO;
    }

    /**
     * Median of the workload's repetitions of the noisy model in the current configuration, after one rehearsal
     * run of the workload's command if it has one (see the class comment).
     */
    @Override
    public synchronized Measurement measure(Workload workload) {
        AnalyticModel.Estimate truth = estimate(workload, current);
        workload.command().ifPresent(rehearsal::run);
        return NoisyRepeats.measure(current, truth.latency(), truth.energy(), workload, noise);
    }

    /**
     * The noise-free model value of {@code workload} in {@code configuration} (for demos, tests, reports);
     * fails naming the DNN or the option if either is not offered.
     */
    public AnalyticModel.Estimate estimate(Workload workload, Configuration configuration) {
        DnnProfile dnn;
        try {
            dnn = DnnCatalogue.require(workload.dnn());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(e.getMessage(), e);
        }
        if (workload.width() == Environment.UNKNOWN_SIZE) {
            throw new DeviceException("the simulated " + description.hardware() + " needs the input size of "
                    + workload.dnn() + " (the workload's size is unknown)");
        }
        space.violation(configuration).ifPresent(why -> {
            throw new DeviceException("cannot estimate " + SoftwareValues.text(space, configuration) + " on "
                    + description.hardware() + ": " + why);
        });
        return model.estimate(dnn, workload.width(), workload.height(), configuration);
    }

    /**
     * The noise-free model over the whole space for {@code workload}: the ground truth against which a
     * tuner's choice can be scored (regret, gain over all-maximum).
     */
    public MeasurementSet truth(Workload workload) {
        List<Measurement> all = space.stream().map(c -> {
            AnalyticModel.Estimate e = estimate(workload, c);
            return new Measurement(c, e.latency(), e.energy());
        }).toList();
        return new MeasurementSet(workload.environment(description.hardware()), space, all, EnergyUnit.JOULES);
    }

    public SimulatedBoard board() {
        return model.board();
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
