package org.tunerd.daemon.device.jetson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a {@link JetsonDevice}.
 *
 * @param sysfsRoot         folder under which every board path ({@code /sys}, {@code /proc}) is resolved: {@code /}
 *                          on a board, a fake tree in tests
 * @param board             board profile name; empty = detect from the device tree and chip id
 * @param profileFolder     folder whose {@code *.yaml} profiles replace or add to the built-in ones
 * @param restoreOnClose    whether {@code close()} writes the snapshot back
 * @param powerSamplePeriod time between power readings while a workload runs
 */
public record JetsonSettings(Path sysfsRoot, Optional<String> board, Optional<Path> profileFolder,
                             boolean restoreOnClose, Duration powerSamplePeriod) {

    public JetsonSettings {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(profileFolder, "profileFolder");
        Objects.requireNonNull(powerSamplePeriod, "powerSamplePeriod");
        if (powerSamplePeriod.isNegative() || powerSamplePeriod.isZero()) {
            throw new IllegalArgumentException("powerSamplePeriod must be positive, got " + powerSamplePeriod);
        }
    }

    /** A real board: root {@code /}, detected profile, restore on close, 10 ms power sampling. */
    public static JetsonSettings defaults() {
        return new JetsonSettings(Path.of("/"), Optional.empty(), Optional.empty(), true, Duration.ofMillis(10));
    }

    public JetsonSettings withSysfsRoot(Path root) {
        return new JetsonSettings(root, board, profileFolder, restoreOnClose, powerSamplePeriod);
    }

    public JetsonSettings withBoard(String name) {
        return new JetsonSettings(sysfsRoot, Optional.of(name), profileFolder, restoreOnClose, powerSamplePeriod);
    }

    public JetsonSettings withProfileFolder(Path folder) {
        return new JetsonSettings(sysfsRoot, board, Optional.of(folder), restoreOnClose, powerSamplePeriod);
    }

    public JetsonSettings withRestoreOnClose(boolean restore) {
        return new JetsonSettings(sysfsRoot, board, profileFolder, restore, powerSamplePeriod);
    }
}
