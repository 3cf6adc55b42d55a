package org.tunerd.daemon.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Budget;

class ConfigWatcherTest implements ConfigWatcher.Listener {

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

    private ConfigWatcher started(Path file) throws Exception {
        watcher = new ConfigWatcher(file, loader, loader.load(file), this);
        watcher.start();
        return watcher;
    }

    @Test
    void fileChangesReloadAndBadFilesKeepTheLastGoodConfig() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10}\n");
        started(file);

        Files.writeString(file, "policy: {budget: 12}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
        assertEquals("reloaded FILE_CHANGED budget=12", reports.get(0));
        assertEquals(Budget.ofCount(12), watcher.current().policy().budget());

        Files.writeString(file, "policy: {budget: -3}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 2);
        assertEquals("rejected FILE_CHANGED [policy.budget: must be a count >= 1 or a fraction in (0,1] "
                + "(e.g. 20, 0.1 or '10%'), got -3]", reports.get(1));
        assertEquals(Budget.ofCount(12), watcher.current().policy().budget());

        // An editor's save: write a temp file, rename it over the original.
        Path tmp = dir.resolve(".tunerd.yaml.swp");
        Files.writeString(tmp, "# fixed\npolicy: {budget: 12}\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 3);
        assertEquals("reloaded FILE_CHANGED budget=12", reports.get(2));

        // A comment-only change after a good load changes nothing and is not reported.
        Files.writeString(file, "# comment\npolicy: {budget: 12}\n");
        watcher.reloadNow();
        assertEquals(4, reports.size(), reports.toString()); // the explicit request is always reported
        assertEquals("reloaded REQUESTED budget=12", reports.get(3));
    }

    @Test
    void sighupReloads() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10}\n");
        started(file);
        assumeTrue(watcher.signalHandlerInstalled(), "SIGHUP cannot be handled in this JVM (started with SIGHUP ignored, e.g. under nohup, or -Xrs)");
        new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.contains("reloaded SIGNAL budget=10"));
    }

    @Test
    void aFurtherCheckCanRejectAValidFile() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10}\n");
        org.tunerd.models.space.ConfigurationSpace space = new org.tunerd.models.space.ConfigurationSpace(
                List.of(org.tunerd.models.space.Option.ordinal("cores", List.of(1.0, 2.0))));
        watcher = new ConfigWatcher(file, loader, loader.load(file), c -> c.policy().constraints().check(space), this);
        watcher.start();
        Files.writeString(file, "policy: {budget: 10, constraints: {pinned: {gpu_freq: 1}}}\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
        assertEquals("rejected FILE_CHANGED [policy.constraints.pinned.gpu_freq: unknown option; the device offers [cores]]",
                reports.get(0));
        assertEquals(Map.of(), watcher.current().policy().constraints().pinned());
    }

    @Test
    void aFileThatIsNotTextIsRejectedNamingTheBadByte() throws Exception {
        Path file = dir.resolve("tunerd.yaml");
        Files.writeString(file, "policy: {budget: 10}\n");
        started(file);
        Files.write(file, new byte[] {'p', 'o', 'l', (byte) 0xc3, '\n'});
        await().atMost(Duration.ofSeconds(10)).until(() -> reports.size() == 1);
        assertEquals("rejected FILE_CHANGED [(file): cannot read: " + file.toAbsolutePath()
                + " is not UTF-8 text (bad byte at offset 3)]", reports.get(0));
        assertEquals(Budget.ofCount(10), watcher.current().policy().budget());
    }
}
