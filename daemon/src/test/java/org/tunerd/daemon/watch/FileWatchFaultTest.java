package org.tunerd.daemon.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, defect 9: an {@link Error} on the watch thread is logged and the watch goes on; big files are not read. */
class FileWatchFaultTest {

    @TempDir
    Path dir;

    @Test
    void anErrorInTheListenerDoesNotEndTheWatch() throws Exception {
        Path file = dir.resolve("workload.yaml");
        Files.writeString(file, "dnn: a\n");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean thrown = new AtomicBoolean();
        try (FileWatch watch = FileWatch.changesOf(file, Duration.ofMillis(50), text -> {
            if (thrown.compareAndSet(false, true)) {
                throw new OutOfMemoryError("thrown by the test's listener");
            }
            seen.add(text);
        })) {
            watch.start();
            Files.writeString(file, "dnn: b\n");
            await().atMost(Duration.ofSeconds(30)).until(thrown::get);
            Files.writeString(file, "dnn: c\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("dnn: c\n"));
        }
    }

    @Test
    void aFileOverTheLimitIsReportedOnceWithoutBeingRead() throws Exception {
        Path file = dir.resolve("workload.yaml");
        List<String> problems = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        FileWatch watch = FileWatch.changesOf(file, Duration.ofHours(1), 100, new FileWatch.Listener() {
            @Override
            public void changed(String text) {
                seen.add(text);
            }

            @Override
            public void notText(String problem) {
                problems.add(problem);
            }
        });
        Files.writeString(file, "x".repeat(101));
        for (int i = 0; i < 4; i++) {
            watch.checkNow();
        }
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("101 bytes") && problems.get(0).contains("100-byte limit"), problems.get(0));
        Files.writeString(file, "dnn: a\n");
        watch.checkNow();
        watch.checkNow();
        assertEquals(List.of("dnn: a\n"), seen);
    }
}
