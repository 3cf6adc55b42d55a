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
 */
public record DeviceSettings(Backend backend, String board, Path sysfsRoot, Optional<Path> replayData,
                             double replayNoise, boolean restoreOnStop) {

    public DeviceSettings {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(replayData, "replayData");
    }

    /** True if the board profile is to be detected from the board's identity. */
    public boolean autoBoard() {
        return "auto".equals(board);
    }
}
