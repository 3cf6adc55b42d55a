package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which board the daemon tunes and how it reaches it.
 *
 * @param backend       simulated, replay or jetson
 * @param board         board profile name (e.g. {@code tx2}), or {@code auto} to detect it
 * @param sysfsRoot     root under which {@code /sys} and {@code /proc} are found ({@code /} on a board,
 *                      a fake tree in tests)
 * @param replayData    folder with the measured data set the replay backend answers from
 * @param replayNoise   relative noise the replay backend adds to each answer (0 = exact)
 * @param restoreOnStop restore every setting the daemon wrote when it stops
 * @param snapshotFile  where a real board's original settings are kept, from before the first write until a
 *                      restore succeeds (so they survive a crash; {@code tunerd restore} reads it); empty = in
 *                      memory only. The file parser defaults it to {@code <store.dir>/board-snapshot.json}.
 */
public record DeviceSettings(Backend backend, String board, Path sysfsRoot, Optional<Path> replayData,
                             double replayNoise, boolean restoreOnStop, Optional<Path> snapshotFile) {

    /** The file name of the snapshot in the state directory. */
    public static final String SNAPSHOT_FILE = "board-snapshot.json";

    public DeviceSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(replayData, "replayData");
        Objects.requireNonNull(snapshotFile, "snapshotFile");
    }

    /** Without a snapshot file: the board's original settings are kept in memory only. */
    public DeviceSettings(Backend backend, String board, Path sysfsRoot, Optional<Path> replayData, double replayNoise,
                          boolean restoreOnStop) {
        this(backend, board, sysfsRoot, replayData, replayNoise, restoreOnStop, Optional.empty());
    }

    /** A copy with the snapshot kept in {@code file}. */
    public DeviceSettings withSnapshotFile(Path file) {
        return new DeviceSettings(backend, board, sysfsRoot, replayData, replayNoise, restoreOnStop, Optional.of(file));
    }

    /** True if the board profile is to be detected from the board's identity. */
    public boolean autoBoard() {
        return "auto".equals(board);
    }
}
