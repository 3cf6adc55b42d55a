package org.tunerd.daemon.device.jetson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * A real NVIDIA Jetson: sysfs/debugfs control through a {@link BoardProfile}, INA3221 energy, and an external
 * inference command per run. Everything is resolved under {@link JetsonSettings#sysfsRoot()}.
 *
 * <p>A measurement runs the workload's command {@code warmups} times unmeasured, then {@code repetitions}
 * times while sampling power; it reports the median latency and the median energy per inference. Energy of a
 * run is the integral of total power over the run's wall window (trapezoid rule); when the command prints its
 * own latency, it is the window's mean power times that latency. Without a power monitor energy is NaN.
 */
public final class JetsonDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(JetsonDevice.class);

    private final BoardProfile profile;
    private final BoardControl control;
    private final DeviceDescription description;
    private final Optional<PowerSampler> sampler;
    private final CommandRunner runner;
    private final boolean restoreOnClose;
    private final Optional<BoardSnapshot> snapshotFile;
    private volatile boolean closed;

    private JetsonDevice(BoardProfile profile, BoardControl control, DeviceDescription description,
                         Optional<PowerSampler> sampler, CommandRunner runner, boolean restoreOnClose,
                         Optional<BoardSnapshot> snapshotFile) {
        this.snapshotFile = snapshotFile;
        this.profile = profile;
        this.control = control;
        this.description = description;
        this.sampler = sampler;
        this.runner = runner;
        this.restoreOnClose = restoreOnClose;
    }

    /** Opens the board described by {@code settings}: profile, controls, offered values, power monitor. */
    public static JetsonDevice open(JetsonSettings settings) {
        return open(settings, new SysfsFiles(settings.sysfsRoot()), System::nanoTime);
    }

    /** As {@link #open(JetsonSettings)}, with the file access and clock given (tests observe writes). */
    static JetsonDevice open(JetsonSettings settings, SysfsFiles files, LongSupplier clock) {
        BoardProfiles profiles = BoardProfiles.load(settings.profileFolder());
        BoardProfile profile = BoardDetector.select(profiles, files, settings.board());
        Optional<BoardSnapshot> snapshot = settings.snapshotFile()
                .map(f -> BoardSnapshot.open(f, profile.name(), settings.sysfsRoot()));
        BoardControl control;
        try {
            control = new BoardControl(profile, files, settings.offered(), snapshot);
        } catch (RuntimeException e) {
            snapshot.ifPresent(BoardSnapshot::close);
            throw e;
        }
        Optional<Ina3221Monitor> monitor = Ina3221Monitor.discover(profile.power(), files);
        if (monitor.isEmpty()) {
            LOG.warn("board '{}': no INA3221 power monitor found ({}); measuring latency only, energy is NaN",
                    profile.name(), profile.power().sources());
        }
        Map<String, String> identity = new LinkedHashMap<>(BoardIdentity.read(files).facts());
        identity.put("profile", profile.name());
        identity.put("sysfsRoot", settings.sysfsRoot().toString());
        DeviceDescription description = new DeviceDescription(profile.hardware(), identity, control.space(),
                monitor.isPresent());
        LOG.info("opened Jetson board '{}' ({}): {}", profile.name(), profile.hardware(), control.space());
        Optional<PowerSampler> sampler = monitor.map(m -> new PowerSampler(m, settings.powerSamplePeriod(), clock));
        return new JetsonDevice(profile, control, description, sampler, new CommandRunner(clock),
                settings.restoreOnClose(), snapshot);
    }

    /** The board profile in use. */
    public BoardProfile profile() {
        return profile;
    }

    /** Each file written so far with its value before the first write. */
    public Map<String, String> snapshot() {
        return control.snapshot();
    }

    @Override
    public DeviceDescription describe() {
        return description;
    }

    @Override
    public Configuration current() {
        return control.current();
    }

    @Override
    public void apply(Configuration configuration) {
        requireOpen();
        control.apply(configuration);
    }

    private void requireOpen() {
        if (closed) {
            throw new DeviceException("board '" + profile.name() + "' is closed: tunerd is stopping");
        }
    }

    @Override
    public synchronized Measurement measure(Workload workload) {
        requireOpen();
        InferenceCommand command = workload.command().orElseThrow(() -> new DeviceException(
                "a Jetson board runs a real inference command, but workload " + workload.dnn() + " "
                        + workload.width() + "x" + workload.height() + " has none"));
        Configuration configuration = current();
        for (int i = 0; i < workload.warmups(); i++) {
            runner.run(command);
        }
        List<Double> latencies = new ArrayList<>();
        List<Double> energies = new ArrayList<>();
        for (int i = 0; i < workload.repetitions(); i++) {
            PowerSampler.Recording recording = sampler.map(PowerSampler::start).orElse(null);
            RunResult run;
            PowerTrace trace = null;
            try {
                run = runner.run(command);
            } finally {
                if (recording != null) {
                    trace = recording.stop();
                }
            }
            latencies.add(run.latencySeconds());
            if (trace != null) {
                energies.add(energy(trace, run));
            }
        }
        List<Double> measured = energies.stream().filter(e -> !Double.isNaN(e)).toList();
        if (measured.size() < energies.size()) {
            LOG.warn("energy missing for {} of {} runs (power monitor unreadable)", energies.size() - measured.size(),
                    energies.size());
        }
        return new Measurement(configuration, median(latencies), measured.isEmpty() ? Double.NaN : median(measured));
    }

    /**
     * Energy of one inference in joules: the power integral over the run's window, or, when the command printed
     * its latency, the window's mean power times that latency.
     */
    static double energy(PowerTrace trace, RunResult run) {
        if (trace.samples().isEmpty()) {
            return Double.NaN;
        }
        if (run.parsed()) {
            return trace.meanWatts(run.startNanos(), run.endNanos()) * run.latencySeconds();
        }
        return trace.joules(run.startNanos(), run.endNanos());
    }

    @Override
    public void restore() {
        control.restore();
    }

    /**
     * Restores first, then releases: a measurement in progress is stopped at once (its command's process group
     * gets SIGTERM, and SIGKILL after {@link CommandRunner#GRACE}), further applies and measurements are refused,
     * and the snapshot is written back if configured, so a stop never waits for a command that ignores SIGTERM.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runner.abort(); // not under the lock: the measurement holding it ends once its command is gone
        closeLocked();
    }

    private synchronized void closeLocked() {
        sampler.ifPresent(PowerSampler::close);
        try {
            control.shutDown(restoreOnClose);
        } finally {
            snapshotFile.ifPresent(BoardSnapshot::close);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
