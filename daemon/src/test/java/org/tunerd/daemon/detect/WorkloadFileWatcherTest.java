package org.tunerd.daemon.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFileWatcherTest {

    @TempDir
    Path dir;

    @Test
    void contentIsTakenOnlyOnceItHasSettled() throws Exception {
        List<EnvironmentChanged> changes = new CopyOnWriteArrayList<>();
        EnvironmentDetector detector = new EnvironmentDetector("TX2",
                new EnvironmentTracker(Optional.empty(), Clock.systemUTC()), changes::add);
        Path file = dir.resolve("workload.yaml");
        List<String> invalid = new CopyOnWriteArrayList<>();
        try (WorkloadFileWatcher watcher = new WorkloadFileWatcher(file, Duration.ofHours(1), detector, invalid::add)) {
            // not started: checks are driven by hand
            Files.writeString(file, "dnn: xcep");                    // caught half written
            assertFalse(watcher.checkNow());
            Files.writeString(file, "dnn: xception\nsize: 600x600\n");
            assertFalse(watcher.checkNow(), "first read of new content waits for it to settle");
            assertTrue(watcher.checkNow(), "settled content is announced");
            assertTrue(invalid.isEmpty(), "the half-written file was never reported: " + invalid);
        }
    }

    @Test
    void announcesEachRealChangeOnceAndKeepsTheLastGoodWorkload() throws Exception {
        List<EnvironmentChanged> changes = new CopyOnWriteArrayList<>();
        List<String> invalid = new CopyOnWriteArrayList<>();
        EnvironmentDetector detector = new EnvironmentDetector("TX2",
                new EnvironmentTracker(Optional.empty(), Clock.systemUTC()), changes::add);

        Path file = dir.resolve("workload.yaml");
        Files.writeString(file, "dnn: xception\nsize: 600x600\n");
        try (WorkloadFileWatcher watcher = new WorkloadFileWatcher(file, Duration.ofMillis(20), detector, invalid::add)) {
            watcher.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 1);
            assertEquals("xception", changes.get(0).current().dnn());
            assertEquals("TX2", changes.get(0).current().hardware());

            Files.writeString(file, "dnn: xception\nwidth: 600\nheight: 600\n"); // same workload, other text
            Files.writeString(file, "dnn: xception\nsize: 800x\n");              // broken
            await().atMost(Duration.ofSeconds(10)).until(() -> !invalid.isEmpty());
            assertTrue(invalid.get(0).contains("size"), invalid.get(0));
            assertEquals(1, changes.size());
            assertEquals(600, detector.current().orElseThrow().width(), "the last good workload stays");

            Files.writeString(file, "dnn: xception\nsize: 800x800\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() == 2);
            assertEquals(800, changes.get(1).current().width());
            assertFalse(watcher.checkNow(), "unchanged content announces nothing");
            assertFalse(watcher.checkNow(), "unchanged content announces nothing");
        }
    }
}
