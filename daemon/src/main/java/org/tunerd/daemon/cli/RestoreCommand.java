package org.tunerd.daemon.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tunerd.daemon.config.Backend;
import org.tunerd.daemon.config.DeviceSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.service.DeviceFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tunerd restore}: writes a board's original settings back from the snapshot file, without the daemon
 * (the operator's escape hatch after a crash, like {@code jetson_clocks --restore}).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Writes the board's original settings back from the snapshot the daemon saved before its first "
                + "write (device.snapshotFile, by default <store.dir>/board-snapshot.json), then removes the snapshot. "
                + "Use it when the daemon crashed or was stopped without restoring. Refuses while the daemon runs "
                + "(stopping the daemon restores the board itself).")
public final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        TunerConfig cfg = config.load();
        DeviceSettings device = cfg.device();
        var out = spec.commandLine().getOut();
        if (device.backend() != Backend.JETSON) {
            out.printf("nothing to restore: device.backend is %s, which changes no board%n", device.backend().key());
            return 0;
        }
        Path file = device.snapshotFile().orElseThrow(() -> new IllegalStateException(
                "device.snapshotFile is not set: there is no saved snapshot to restore"));
        if (!Files.exists(file)) {
            out.printf("nothing to restore: no snapshot at %s (the board was restored, or tunerd never wrote to it)%n",
                    file);
            return 0;
        }
        // restoreOnStop off: the explicit restore below reports its failure instead of close() throwing it
        try (Device board = DeviceFactory.open(new DeviceSettings(device.backend(), device.board(), device.sysfsRoot(),
                device.replayData(), device.replayNoise(), false, device.snapshotFile()))) {
            board.restore();
            out.printf("restored board %s from %s; the snapshot is removed%n", board.describe().hardware(), file);
        }
        return 0;
    }
}
