package org.tunerd.daemon;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared TX2 study data ({@code tunerd.datasets}); tests read it in place, never copy it. */
public final class StudyData {

    private StudyData() {
    }

    public static Path tx2() {
        String configured = System.getProperty("tunerd.datasets");
        Path base = configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "datasets");
        Path folder = base.resolve("jetson-tx2").toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("shared study data not found at " + folder
                    + " (set -Dtunerd.datasets=<path to shared/datasets>)");
        }
        return folder;
    }
}
