package org.tunerd.study.explore;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;

/**
 * Where the exploration tools read the measured TX2 data: {@code <tunerd.datasets>/jetson-tx2}, the property
 * the build passes to every module's tests ({@code -Dtunerd.datasets=<path to shared/datasets>}), by default
 * {@code ../shared/datasets} from the working directory (the repository root). Read in place, never copied.
 */
final class StudyData {

    private StudyData() {
    }

    /** The {@code jetson-tx2} folder; fails with a clear message if it is missing. */
    static Path tx2() {
        Path base = Path.of(System.getProperty("tunerd.datasets", Path.of("..", "shared", "datasets").toString()));
        Path folder = base.resolve("jetson-tx2").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("study data not found at " + folder
                    + " (set -Dtunerd.datasets=<path to shared/datasets>)");
        }
        return folder;
    }

    /** The data set {@code name} ({@code xception_400x400}) of the TX2 folder. */
    static MeasurementSet read(String name) {
        return StudyCsvReader.read(tx2().resolve(name + ".csv"));
    }
}
