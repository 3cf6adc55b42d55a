package org.tunerd.daemon.watch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatchTest {

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** Writes {@code content} to {@code file} and starts a watch that reports its changes to {@link #seen}. */
    private FileWatch watchingChanges(Path file, String content, Duration period) throws Exception {
        Files.writeString(file, content);
        FileWatch watch = FileWatch.changesOf(file, period, seen::add);
        watch.start();
        return watch;
    }

    @Test
    void reportsContentChangesOnlyAndSurvivesDeletion() throws Exception {
        Path file = dir.resolve("workload.yaml");
        try (FileWatch watch = watchingChanges(file, "dnn: a\n", Duration.ofMillis(50))) {
            Files.writeString(dir.resolve("other.yaml"), "x");     // another file in the folder
            Files.writeString(file, "dnn: a\n");                    // same bytes
            Files.writeString(file, "dnn: b\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 1);
            Files.delete(file);
            Files.writeString(file, "dnn: c\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 2);
            assertEquals(List.of("dnn: b\n", "dnn: c\n"), seen);
        }
    }

    @Test
    void contentIsReportedOnlyOnceItReadsTheSameTwice() throws Exception {
        Path file = dir.resolve("workload.yaml");
        FileWatch watch = FileWatch.contentOf(file, Duration.ofHours(1), seen::add); // not started: driven by hand
        assertFalse(watch.checkNow(), "no file yet");
        Files.writeString(file, "dnn: xcep");                                        // caught half written
        assertFalse(watch.checkNow());
        Files.writeString(file, "dnn: xception\n");
        assertFalse(watch.checkNow(), "first read of new content waits for it to settle");
        assertTrue(watch.checkNow(), "settled content is reported");
        assertFalse(watch.checkNow(), "and only once");
        Files.writeString(file, "dnn: xception\n");
        assertFalse(watch.checkNow(), "rewriting the same bytes is no change");
        assertFalse(watch.checkNow(), "rewriting the same bytes is no change");
        assertEquals(List.of("dnn: xception\n"), seen);
    }

    @Test
    void aFileRenamedIntoPlaceIsReported() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        try (FileWatch watch = watchingChanges(file, "budget: 10\n", Duration.ofHours(1))) {
            Path tmp = dir.resolve(".tunerd.yaml.swp");
            Files.writeString(tmp, "budget: 12\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertEquals(List.of("budget: 12\n"), seen);
        }
    }

    @Test
    void changesWithoutNotificationAreFoundByPolling() throws Exception {
        // The watched path is a symlink into another folder: writes there raise no event in the watched
        // folder, so only polling can see them.
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("workload.yaml");
        Path watched = Files.createDirectory(dir.resolve("watched"));
        Path link = Files.createSymbolicLink(watched.resolve("workload.yaml"), target);
        try (FileWatch watch = watchingChanges(link, "dnn: a\n", Duration.ofMillis(50))) {
            Files.writeString(target, "dnn: b\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            Files.writeString(target, "dnn: c\n"); // surely after the watch's first look
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
            assertEquals(List.of("dnn: b\n", "dnn: c\n"), seen);
        }
    }

    @Test
    void contentThatIsNotTextIsReportedOnceAsSuch() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        List<String> problems = new CopyOnWriteArrayList<>();
        FileWatch watch = FileWatch.contentOf(file, Duration.ofHours(1), new FileWatch.Listener() {
            @Override
            public void changed(String text) {
                seen.add(text);
            }

            @Override
            public void notText(String problem) {
                problems.add(problem);
            }
        });
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        watch.checkNow();
        watch.checkNow();
        watch.checkNow();
        assertEquals(List.of(file.toAbsolutePath() + " is not UTF-8 text (bad byte at offset 3)"), problems);
        assertEquals(List.of(), seen);
    }

    @Test
    void nothingIsReportedAfterClose() throws Exception {
        Path file = dir.resolve("workload.yaml");
        watchingChanges(file, "dnn: a\n", Duration.ofMillis(20)).close();
        Files.writeString(file, "dnn: b\n");
        Thread.sleep(300); // several poll periods and settle times: the stopped watch must stay silent
        assertEquals(List.of(), seen);
    }
}
