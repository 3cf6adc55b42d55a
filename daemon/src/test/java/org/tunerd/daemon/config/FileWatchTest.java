package org.tunerd.daemon.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {

    @TempDir
    Path dir;

    @Test
    void reportsContentChangesOnlyAndSurvivesDeletion() throws Exception {
        Path file = dir.resolve("workload.yaml");
        Files.writeString(file, "dnn: a\n");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (FileWatch watch = new FileWatch(file, f -> seen.add(read(f)))) {
            watch.start();
            Files.writeString(dir.resolve("other.yaml"), "x");     // another file in the folder
            Files.writeString(file, "dnn: a\n");                    // same bytes
            Files.writeString(file, "dnn: b\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 1);
            Files.delete(file);
            Thread.sleep(400); // let the deletion be seen before the file comes back
            Files.writeString(file, "dnn: c\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
            assertEquals(List.of("dnn: b\n", "dnn: c\n"), seen);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
