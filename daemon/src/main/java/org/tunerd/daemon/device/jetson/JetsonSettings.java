package org.tunerd.daemon.device.jetson;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param offered           per option, the subset of the board's listed values to offer (e.g. the study's four
 *                          GPU and four EMC frequencies); an option not named offers everything the board lists;
 *                          a value the board does not list is an error when the device opens
 * @param snapshotFile      where the board's original settings are kept from before the first write until a
 *                          restore succeeds (see {@link BoardSnapshot}); empty = in memory only
 */
public record JetsonSettings(Path sysfsRoot, Optional<String> board, Optional<Path> profileFolder,
                             boolean restoreOnClose, Duration powerSamplePeriod, Map<String, List<Double>> offered,
                             Optional<Path> snapshotFile) {

    public JetsonSettings {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(profileFolder, "profileFolder");
        Objects.requireNonNull(powerSamplePeriod, "powerSamplePeriod");
        Objects.requireNonNull(snapshotFile, "snapshotFile");
        if (powerSamplePeriod.isNegative() || powerSamplePeriod.isZero()) {
            throw new IllegalArgumentException("powerSamplePeriod must be positive, got " + powerSamplePeriod);
        }
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        offered.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        offered = Collections.unmodifiableMap(copy);
    }

    /** A real board: root {@code /}, detected profile, restore on close, 10 ms power sampling. */
    public static JetsonSettings defaults() {
        return new JetsonSettings(Path.of("/"), Optional.empty(), Optional.empty(), true, Duration.ofMillis(10),
                Map.of(), Optional.empty());
    }

    public JetsonSettings withSysfsRoot(Path root) {
        return new JetsonSettings(root, board, profileFolder, restoreOnClose, powerSamplePeriod, offered, snapshotFile);
    }

    public JetsonSettings withBoard(String name) {
        return new JetsonSettings(sysfsRoot, Optional.of(name), profileFolder, restoreOnClose, powerSamplePeriod, offered, snapshotFile);
    }

    public JetsonSettings withProfileFolder(Path folder) {
        return new JetsonSettings(sysfsRoot, board, Optional.of(folder), restoreOnClose, powerSamplePeriod, offered, snapshotFile);
    }

    public JetsonSettings withOffered(String option, List<Double> values) {
        Map<String, List<Double>> map = new LinkedHashMap<>(offered);
        map.put(option, values);
        return new JetsonSettings(sysfsRoot, board, profileFolder, restoreOnClose, powerSamplePeriod, map, snapshotFile);
    }

    public JetsonSettings withSnapshotFile(Path file) {
        return new JetsonSettings(sysfsRoot, board, profileFolder, restoreOnClose, powerSamplePeriod, offered,
                Optional.of(file));
    }

    public JetsonSettings withRestoreOnClose(boolean restore) {
        return new JetsonSettings(sysfsRoot, board, profileFolder, restore, powerSamplePeriod, offered, snapshotFile);
    }
}
