package org.tunerd.daemon.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Budget;

/**
 * Issue 11 defects 8 and 9, issue 12 point 7: empty and comment-only files, a huge file, a FIFO and
 * {@code /dev/zero} as the configuration, and one bad content reported once however often it is re-read.
 */
class ConfigFileFaultTest implements ConfigWatcher.Listener {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "dev");
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private ConfigWatcher watcher;

    @TempDir
    Path dir;

    @Override
    public void reloaded(TunerConfig previous, TunerConfig current, ConfigWatcher.Cause cause) {
        reports.add("reloaded " + cause + " budget=" + current.policy().budget());
    }

    @Override
    public void rejected(Path file, List<ConfigProblem> problems, ConfigWatcher.Cause cause) {
        reports.add("rejected " + cause + " " + problems);
    }

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private Path goodFile() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10}\n");
        watcher = new ConfigWatcher(file, loader, loader.load(file), this);
        watcher.start();
        return file;
    }

    /** Replaces the file as an editor does: a complete new file renamed over it. */
    private void save(Path file, String text) throws Exception {
        Path tmp = dir.resolve(".tunerd.yaml.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void anEmptyOrCommentOnlyFileOnReloadIsRejectedAndTheLastGoodOneStays() throws Exception {
        Path file = goodFile();
        save(file, "");
        await().atMost(WAIT).until(() -> reports.size() == 1);
        assertTrue(reports.get(0).startsWith("rejected FILE_CHANGED [(document): is empty or holds only comments"),
                reports.toString());
        save(file, "# policy: {budget: 3}\n# nothing else\n");
        await().atMost(WAIT).until(() -> reports.size() == 2);
        assertTrue(reports.get(1).contains("is empty or holds only comments"), reports.toString());
        assertEquals(Budget.ofCount(10), watcher.current().policy().budget(), "the last good configuration stays");
        save(file, "{}\n"); // the way to ask for every default
        await().atMost(WAIT).until(() -> reports.size() == 3);
        assertEquals("reloaded FILE_CHANGED budget=20", reports.get(2));
    }

    @Test
    void anEmptyFileAtStartUpIsAnErrorNamingTheFileAndBracesAreEveryDefault() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("write {}"), e.getMessage());
        Path comments = Files.writeString(dir.resolve("comments.yaml"), "# deviceId: x\n");
        assertThrows(ConfigException.class, () -> loader.load(comments));
        assertEquals(loader.defaults(), loader.load(Files.writeString(dir.resolve("braces.yaml"), "{}\n")));
    }

    @Test
    void aHugeFileIsRejectedNamingTheLimitAndTheWatchGoesOn() throws Exception {
        Path file = goodFile();
        StringBuilder huge = new StringBuilder("policy: {budget: 11}\nworkload:\n  attributes:\n");
        for (int i = 0; huge.length() < 1_400_000; i++) {
            huge.append("    key").append(i).append(": value-").append(i).append('\n');
        }
        save(file, huge.toString());
        await().atMost(WAIT).until(() -> reports.size() == 1);
        assertTrue(reports.get(0).contains("larger than the " + ConfigLoader.MAX_FILE_BYTES + "-byte limit"),
                reports.get(0));
        save(file, "policy: {budget: 12}\n");
        await().atMost(WAIT).until(() -> reports.size() == 2);
        assertEquals("reloaded FILE_CHANGED budget=12", reports.get(1), "the watch survived the huge file");
    }

    @Test
    void aFifoNeitherHangsStartUpNorTheWatchAndDevZeroIsRefused() throws Exception {
        Path fifo = dir.resolve("fifo.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // no writer ever opens the FIFO: reading it would block for good
        CompletableFuture<ConfigException> startUp = CompletableFuture.supplyAsync(
                () -> assertThrows(ConfigException.class, () -> loader.load(fifo)));
        ConfigException e = startUp.get(60, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains(fifo.toString()) && e.getMessage().contains("not a regular file"),
                e.getMessage());
        ConfigException zero = assertThrows(ConfigException.class, () -> loader.load(Path.of("/dev/zero")));
        assertTrue(zero.getMessage().contains("/dev/zero") && zero.getMessage().contains("not a regular file"),
                zero.getMessage());

        Path file = goodFile();
        Files.delete(file);
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
        await().atMost(WAIT).until(() -> reports.size() == 1);
        assertTrue(reports.get(0).contains("not a regular file"), reports.toString());
        Files.delete(file);
        save(file, "policy: {budget: 13}\n");
        await().atMost(WAIT).until(() -> reports.size() == 2);
        assertEquals("reloaded FILE_CHANGED budget=13", reports.get(1));
    }

    @Test
    void aBadEditFollowedBySighupIsReportedOnce() throws Exception {
        Path file = goodFile();
        save(file, "policy: {budget: -1}\n");
        await().atMost(WAIT).until(() -> reports.size() == 1);
        watcher.signalled().get(30, TimeUnit.SECONDS); // what SIGHUP does, waited for
        watcher.signalled().get(30, TimeUnit.SECONDS);
        assertEquals(1, reports.size(), "one bad content, one report: " + reports);
        assertEquals(Budget.ofCount(10), watcher.current().policy().budget());
        watcher.reloadNow(); // an operator's explicit request is always answered
        assertEquals(2, reports.size(), reports.toString());
        save(file, "policy: {budget: 14}\n");
        await().atMost(WAIT).until(() -> reports.size() == 3);
        save(file, "policy: {budget: -1}\n"); // the same bad content again, after a good one: reported again
        await().atMost(WAIT).until(() -> reports.size() == 4);
        assertTrue(reports.get(3).startsWith("rejected FILE_CHANGED"), reports.toString());
    }
}
