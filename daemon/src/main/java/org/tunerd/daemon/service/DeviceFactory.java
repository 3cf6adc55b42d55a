package org.tunerd.daemon.service;

import java.nio.file.Path;
import java.util.Optional;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.jetson.JetsonDevice;
import org.tunerd.daemon.device.jetson.JetsonSettings;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.device.sim.SimulatedDevice;

/** Opens the device backend the configuration names. */
public final class DeviceFactory {

    /** Seed of the simulated board's noise, fixed so that demos and tests repeat. */
    public static final long SIMULATION_SEED = 1;

    private DeviceFactory() {
    }

    public static Device open(DeviceSettings settings) {
        return switch (settings.backend()) {
            case SIMULATED -> SimulatedDevice.create(settings.autoBoard() ? "tx2" : settings.board(),
                    SimulatedDevice.DEFAULT_NOISE_SIGMA, SIMULATION_SEED);
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
}
