package org.tunerd.daemon.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.jetson.JetsonDevice;
import org.tunerd.daemon.device.jetson.JetsonSettings;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.device.sim.AnalyticModel;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.daemon.device.software.SoftwareOptionsDevice;
import org.tunerd.models.space.OptionKind;

/**
 * Opens the device backend the configuration names, with the declared software options in its space
 * ({@link SoftwareOptionsDevice}). The simulated board models a declared {@value AnalyticModel#BATCH_SIZE}
 * (its other software options only reach the command); a replayed board offers only what its data
 * measured, so each declared software option must be a column of the data.
 */
public final class DeviceFactory {

    /** Seed of the simulated board's noise, fixed so that demos and tests repeat. */
    public static final long SIMULATION_SEED = 1;

    private DeviceFactory() {
    }

    /** The backend without software options: its hardware space. */
    public static Device open(DeviceSettings settings) {
        return open(settings, SoftwareOptions.none());
    }

    /**
     * The backend with {@code software} in its space.
     *
     * @throws DeviceException naming the option and value a backend cannot offer
     */
    public static Device open(DeviceSettings settings, SoftwareOptions software) {
        Device board = openBoard(settings, software);
        try {
            if (settings.backend() == org.tunerd.daemon.config.Backend.REPLAY) {
                List<String> unmeasured = software.names().stream()
                        .filter(n -> board.describe().space().option(n).isEmpty()).toList();
                if (!unmeasured.isEmpty()) {
                    throw new DeviceException("workload.options: the replayed data measured no software option "
                            + unmeasured + " (its options: " + board.describe().space().names() + "); a replayed "
                            + "board offers only what was measured");
                }
            }
            return SoftwareOptionsDevice.wrap(board, software);
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
    }

    private static Device openBoard(DeviceSettings settings, SoftwareOptions software) {
        return switch (settings.backend()) {
            case SIMULATED -> SimulatedDevice.create(settings.autoBoard() ? "tx2" : settings.board(),
                    batchSizes(software), SimulatedDevice.DEFAULT_NOISE_SIGMA, SIMULATION_SEED);
            case REPLAY -> {
                Path data = settings.replayData().orElseThrow(() -> new DeviceException(
                        "device.replay.data: the replay backend needs a folder of measurement CSV files or a file"));
                yield ReplayDevice.fromData(data, settings.autoBoard() ? Optional.empty() : Optional.of(settings.board()),
                        settings.replayNoise(), SIMULATION_SEED);
            }
            case JETSON -> {
                JetsonSettings jetson = JetsonSettings.defaults().withSysfsRoot(settings.sysfsRoot())
                        .withRestoreOnClose(settings.restoreOnStop());
                jetson = settings.snapshotFile().map(jetson::withSnapshotFile).orElse(jetson);
                yield JetsonDevice.open(settings.autoBoard() ? jetson : jetson.withBoard(settings.board()));
            }
        };
    }

    /** The declared batch sizes the simulated board models; empty when none is declared. */
    private static List<Long> batchSizes(SoftwareOptions software) {
        return software.option(AnalyticModel.BATCH_SIZE).map(o -> {
            if (o.option().kind() != OptionKind.ORDINAL) {
                throw new DeviceException("workload.options." + AnalyticModel.BATCH_SIZE + ": the simulated board "
                        + "models it as whole numbers of images per request, got " + o.option().labels());
            }
            return o.option().values().stream().map(Double::longValue).toList();
        }).orElse(List.of());
    }
}
