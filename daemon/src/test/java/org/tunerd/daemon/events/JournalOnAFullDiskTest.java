package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal on a real small file system (a 64 KiB tmpfs the test mounts): filling it fails appends cleanly,
 * the publisher counts what it dropped, and once space returns every journaled event reads back whole. Skipped
 * with a message where the test may not mount (not root, or no mount permission in a container);
 * {@link EventJournalFaultTest} injects the failure at every byte position everywhere.
 */
class JournalOnAFullDiskTest {

    @TempDir
    Path dir;

    private Path mount;
    private boolean mounted;

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + new String(out, StandardCharsets.UTF_8).trim());
        }
        return p.exitValue();
    }

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createDirectory(dir.resolve("small"));
        int rc;
        try {
            rc = run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tunerd-test", mount.toString());
        } catch (java.io.IOException e) {
            rc = -1;
        }
        mounted = rc == 0;
        assumeTrue(mounted, "cannot mount a small tmpfs here (needs root and mount permission); the injected "
                + "full-disk test covers the journal instead");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFullDiskDropsAndCountsWholeEventsOnlyAndTheJournalStaysReadable() throws Exception {
        Path journalDir = mount.resolve("journal");
        EventSettings settings = new EventSettings("dev-1", journalDir, true, 1 << 20);
        long dropped;
        List<Integer> published = new ArrayList<>();
        try (EventPublisher p = EventPublisher.start(settings, Optional.empty())) {
            for (int i = 0; i < 200 && p.status().dropped() == 0; i++) {
                p.publish(EventType.SAMPLE_MEASURED, Map.of("n", i, "pad", "x".repeat(700)));
                published.add(i);
                assertTrue(p.awaitJournaled(Duration.ofSeconds(30)));
            }
            dropped = p.status().dropped();
            assertTrue(dropped > 0, "64 KiB cannot hold 200 events of 1 KB: the disk filled up");
            // space returns
            assertEquals(0, run("mount", "-o", "remount,size=1m", mount.toString()));
            p.publish(EventType.TUNING_VERIFIED, Map.of("n", -1));
            assertTrue(p.awaitJournaled(Duration.ofSeconds(30)));
            assertEquals(dropped, p.status().dropped(), "nothing more is dropped once there is space");
        }
        List<String> lines = Files.readAllLines(journalDir.resolve(EventJournal.FILE));
        List<Integer> journaled = new ArrayList<>();
        for (String line : lines) {
            journaled.add(EventCodec.decode(line.getBytes(StandardCharsets.UTF_8)).data().get("n").asInt());
        }
        assertEquals(-1, journaled.get(journaled.size() - 1), "the event after the disk freed up is journaled whole");
        assertEquals(published.size() - dropped, journaled.size() - 1, "every event is journaled or counted dropped");
        assertEquals(published.subList(0, journaled.size() - 1), journaled.subList(0, journaled.size() - 1));
    }
}
