package org.tunerd.models;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;

/** Locates the shared TX2 study data ({@code ../shared/datasets}); tests read it in place, never copy it. */
public final class Datasets {

    private Datasets() {
    }

    /** The {@code jetson-tx2} folder; fails with a clear message if the shared data is missing. */
    public static Path tx2() {
        return folder("jetson-tx2");
    }

    /** The {@code jetson-tx2-sampled} folder (a sampled TX2 set with repeated runs). */
    public static Path tx2Sampled() {
        return folder("jetson-tx2-sampled");
    }

    /** The {@code board-change} folder (Xavier and TX2, software options, repeated runs). */
    public static Path boardChange() {
        return folder("board-change");
    }

    /** A folder of the shared data; fails with a clear message if it is missing. */
    public static Path folder(String name) {
        String configured = System.getProperty("tunerd.datasets");
        Path base = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "datasets");
        Path folder = base.resolve(name).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("shared study data not found at " + folder
                    + " (set -Dtunerd.datasets=<path to shared/datasets>)");
        }
        return folder;
    }

    public static MeasurementSet read(String name) {
        return StudyCsvReader.read(tx2().resolve(name + ".csv"));
    }
}
