package org.tunerd.tests.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Configuration;
import org.tunerd.tests.kafka.KafkaBroker;
import org.tunerd.tests.kafka.Topics;

/**
 * Issue 11, the fault suite's crash part: {@code tunerd run} (the product jar in a child JVM) on the Jetson
 * backend against a fake TX2 tree, publishing to a real broker, is SIGKILLed at random moments of its tuning
 * sessions: {@value #KILLS} kills by default (system property {@code tunerd.faults.kills}), on a schedule drawn
 * from a fixed seed ({@code tunerd.faults.seed}), so a failure replays. A kill lands during start-up (resuming),
 * while the resumed session runs, or at a random measurement of a session an operator asked for
 * ({@code POST /retune}), or after its last measurement (fitting, verifying, storing). Now and then the daemon is
 * instead stopped cleanly, or {@code tunerd restore} is run after the kill.
 *
 * <p>After every kill: no file of the state directory is corrupt ({@link StateFiles#checkIntact()}); the board
 * snapshot on disk holds the board's original values (never crash-time ones), and without a snapshot the board is
 * at its original values; after a restore or a clean stop the whole tree is exactly as before the first start.
 * After every restart the interrupted session's measurements are kept: each configuration measured in the
 * checkpoint at the kill is in the resumed session's checkpoint or in the store before anything may replace
 * them. At the end a SIGTERM restores the tree exactly, and every journaled event reached the broker.
 *
 * <p>Sessions are kept short (an inference command of about 50 ms, budget 8, LMS with regression trees), so the
 * whole run takes a few minutes. Nothing waits on a fixed time except the random kill moment itself.
 */
class KillDuringSessionsIT {

    static final int KILLS = 24;
    private static final long SEED = Long.getLong("tunerd.faults.seed", 20261202L);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String TOKEN = "kill-test-token-0123456789abcdef";
    private static final String EVENTS = "kill.events";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.startNew();
        Topics.create(broker.bootstrapServers(), EVENTS, "kill.commands");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** What the run did, for the report. */
    private static final class Tally {
        final Map<String, Integer> kills = new TreeMap<>();
        int cleanStops;
        int restores;
        int resumedChecks;
        int sessionsKilledMidMeasuring;
        int tornFakeWrites;
        int killsWithCheckpoint;

        void kill(String when) {
            kills.merge(when, 1, Integer::sum);
        }

        int totalKills() {
            return kills.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void everyKillLeavesIntactStateTheOriginalSnapshotAndKeepsEveryMeasurement() throws Exception {
        int kills = Integer.getInteger("tunerd.faults.kills", KILLS);
        long t0 = System.nanoTime();
        FakeTx2Tree board = FakeTx2Tree.create(dir.resolve("board"));
        Map<String, String> original = board.state();
        Path state = dir.resolve("state");
        StateFiles files = new StateFiles(state, Files.createDirectories(dir.resolve("scratch")));
        int port = freePort();
        Path config = writeConfig(board, state, port);
        Random random = new Random(SEED);
        Tally tally = new Tally();
        // configurations the last killed session had measured: the next run must keep them
        Set<Configuration> mustKeep = Set.of();

        try (DaemonProcess daemon = new DaemonProcess(config, dir.resolve("logs"), port, TOKEN)) {
            while (tally.totalKills() < kills) {
                daemon.start();
                double action = random.nextDouble();
                String when;
                if (action < 0.2) {
                    // anywhere in start-up: opening the board and its snapshot, the journal, Kafka, the resumed session
                    sleepMillis(random.nextInt(5000));
                    when = "start-up";
                } else {
                    awaitUp(daemon);
                    checkRestartLog(daemon);
                    if (action < 0.4) {
                        sleepMillis(random.nextInt(1500)); // the start-up session (a resumed one, if any) runs
                        when = "start-up session";
                    } else {
                        // before an operator's retune may replace the stored measurements, the killed ones are kept
                        awaitKept(files, mustKeep, daemon);
                        tally.resumedChecks++;
                        if (action < 0.5) {
                            // now and then a clean stop: the board is back exactly as it was
                            awaitIdle(daemon);
                            assertCleanExit(daemon);
                            tally.cleanStops++;
                            assertEquals(original, board.state(), "SIGTERM restores every file of the board");
                            assertFalse(Files.exists(files.snapshotFile()), "restored: the snapshot is removed");
                            files.checkIntact();
                            mustKeep = files.checkpointed();
                            continue;
                        }
                        if (random.nextDouble() < 0.7) {
                            // a fresh session: the resumed one stores its result first (else the retune supersedes
                            // it and resumes its measurements, which may leave nothing to measure)
                            awaitIdle(daemon);
                        }
                        assertEquals(202, daemon.retune("kill-test"), "POST /retune is accepted");
                        int k = random.nextInt(9); // 0..7: at that measurement; 8: after the last (fit, verify, store)
                        when = awaitMeasurements(files, k, daemon);
                        sleepMillis(random.nextInt(120)); // somewhere within that measurement
                    }
                }
                Set<Configuration> seen = files.checkpointed(); // measured and checkpointed, as the daemon runs
                daemon.kill();
                tally.kill(when);
                tally.tornFakeWrites += board.repairTornWrites(original).size();
                if (when.equals("measuring")) {
                    tally.sessionsKilledMidMeasuring++;
                }

                files.checkIntact();
                Set<Configuration> atKill = files.checkpointed();
                Set<Configuration> onDisk = new HashSet<>(atKill);
                onDisk.addAll(files.stored());
                assertTrue(onDisk.containsAll(seen), () -> "killed " + when + ": measurements checkpointed before the "
                        + "kill are neither in the checkpoint nor in the store: " + missing(seen, onDisk));
                if (when.startsWith("start-up")) {
                    // no retune since the previous kill: that session's measurements are still on disk
                    Set<Configuration> previous = mustKeep;
                    assertTrue(onDisk.containsAll(previous), () -> "killed " + when + ": measurements of the session "
                            + "killed before are lost: " + missing(previous, onDisk));
                }
                mustKeep = atKill;
                if (!atKill.isEmpty()) {
                    tally.killsWithCheckpoint++;
                }
                checkSnapshotIsTheOriginal(files, board, original);
                if (random.nextDouble() < 0.2) {
                    DaemonProcess.Run restore = daemon.runCommand("restore");
                    assertEquals(0, restore.exit(), restore.output());
                    tally.restores++;
                    assertEquals(original, board.state(), "tunerd restore after SIGKILL writes every original value back");
                    assertFalse(Files.exists(files.snapshotFile()));
                }
            }

            // the end: one more run finishes the interrupted session, keeps its measurements, and stops cleanly
            daemon.start();
            awaitUp(daemon);
            checkRestartLog(daemon);
            awaitKept(files, mustKeep, daemon);
            awaitIdle(daemon);
            assertCleanExit(daemon);
            tally.cleanStops++;
        }
        assertEquals(original, board.state(), "after all the kills, a clean stop leaves the board exactly as it was");
        assertFalse(Files.exists(files.snapshotFile()));
        files.checkIntact();

        Map<String, Integer> onKafka = new HashMap<>();
        List<ConsumerRecord<String, String>> records = Topics.readAll(broker.bootstrapServers(), EVENTS);
        ObjectMapper json = new ObjectMapper();
        for (ConsumerRecord<String, String> r : records) {
            JsonNode e = json.readTree(r.value());
            onKafka.merge(e.get("id").asText(), 1, Integer::sum);
        }
        List<String> journaled = files.journal();
        List<String> lost = journaled.stream().filter(id -> !onKafka.containsKey(id)).toList();
        assertEquals(List.of(), lost, "every journaled event reached the broker");
        long duplicated = onKafka.values().stream().filter(n -> n > 1).count();
        System.out.printf("KillDuringSessionsIT (seed %d): %d SIGKILLs survived %s, %d clean stops, %d tunerd restore, "
                        + "%d resume checks, %d kills with a session checkpoint on disk, %d killed mid-measuring, %d torn "
                        + "fake-file writes repaired; events: %d "
                        + "journaled, %d distinct on Kafka, %d lost, %d redelivered after a kill (at-least-once); %d s%n",
                SEED, tally.totalKills(), tally.kills, tally.cleanStops, tally.restores, tally.resumedChecks,
                tally.killsWithCheckpoint, tally.sessionsKilledMidMeasuring, tally.tornFakeWrites, journaled.size(), onKafka.size(),
                lost.size(), duplicated, Duration.ofNanos(System.nanoTime() - t0).toSeconds());
        assertTrue(tally.sessionsKilledMidMeasuring >= 5, "the schedule killed sessions mid-measurement: " + tally.kills);
    }

    /** SIGTERM; the JVM exits 143 after its shutdown hook ran, which the unit counts as success (SuccessExitStatus). */
    private static void assertCleanExit(DaemonProcess daemon) throws InterruptedException {
        int exit = daemon.stop();
        assertTrue(exit == 0 || exit == 143, () -> "clean stop exits 0 or 143, not " + exit + "; log:\n" + daemon.logText());
    }

    private static Set<Configuration> missing(Set<Configuration> wanted, Set<Configuration> have) {
        Set<Configuration> out = new HashSet<>(wanted);
        out.removeAll(have);
        return out;
    }

    /**
     * The snapshot on disk is the board's state before tunerd's first write (not a crash-time state); without a
     * snapshot tunerd has not changed the board, so it is as it was.
     */
    private static void checkSnapshotIsTheOriginal(StateFiles files, FakeTx2Tree board, Map<String, String> original) {
        Map<String, String> snapshot = files.snapshot();
        if (snapshot.isEmpty()) {
            assertEquals(original, board.state(), "no snapshot on disk: tunerd has not written to the board");
            return;
        }
        snapshot.forEach((path, value) -> assertEquals(original.get(path), value,
                "the snapshot holds the original value of " + path));
    }

    /**
     * Waits until the session the retune started has {@code k} more measurements than when its checkpoint was
     * first seen, or all it planned; says which (or that the session ended before: the kill then finds it over).
     * A session that resumes an interrupted one may keep its id, so sessions are told apart by nothing but this.
     */
    private static String awaitMeasurements(StateFiles files, int k, DaemonProcess daemon) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Integer atStart = null;
        while (System.nanoTime() < deadline) {
            Optional<StateFiles.Checkpoint> cp = files.checkpoint();
            if (cp.isPresent()) {
                if (atStart == null) {
                    atStart = cp.get().measured().size();
                }
                if (cp.get().measured().size() >= cp.get().planned()) {
                    return "after measuring";
                }
                if (cp.get().measured().size() - atStart >= k) {
                    return "measuring";
                }
            } else if (atStart != null) {
                return "idle (session over)";
            }
            if (!daemon.alive()) {
                throw new AssertionError("the daemon died; log:\n" + daemon.logText());
            }
            sleepMillis(5);
        }
        throw new AssertionError("no session checkpoint within " + WAIT + " of POST /retune; log:\n" + daemon.logText());
    }

    /** Waits until every configuration in {@code kept} is in the checkpoint of the session running or in the store. */
    private static void awaitKept(StateFiles files, Set<Configuration> kept, DaemonProcess daemon) {
        if (kept.isEmpty()) {
            return;
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!daemon.alive()) {
                throw new AssertionError("the daemon died; log:\n" + daemon.logText());
            }
            return files.checkpointed().containsAll(kept) || files.stored().containsAll(kept);
        });
    }

    private static void awaitUp(DaemonProcess daemon) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!daemon.alive()) {
                throw new AssertionError("the daemon exited at start-up; log:\n" + daemon.logText());
            }
            return daemon.answers();
        });
    }

    private static void awaitIdle(DaemonProcess daemon) {
        ObjectMapper json = new ObjectMapper();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> daemon.get("/status")
                .map(s -> {
                    try {
                        JsonNode n = json.readTree(s);
                        boolean idle = n.path("state").asText().equals("idle");
                        if (idle && n.path("lastError").isTextual()) {
                            throw new AssertionError("the session failed: " + n.path("lastError").asText()
                                    + "; log:\n" + daemon.logText());
                        }
                        return idle && n.path("lastTuned").isTextual();
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }).orElse(false));
    }

    /** A restart found nothing to repair: no file it had to ignore, set aside or replay from the start. */
    private static void checkRestartLog(DaemonProcess daemon) {
        String log = daemon.logText();
        for (String symptom : List.of("unreadable", "corrupt", "redelivering the whole journal", "not valid JSON")) {
            assertFalse(log.contains(symptom), () -> "the restart found '" + symptom + "'; log:\n" + log);
        }
    }

    private static Path writeConfig(FakeTx2Tree board, Path state, int port) throws Exception {
        // latency falls with the CPU clock and the cores, and is lowest at a middle GPU clock
        Path script = dir.resolve("inference.sh");
        Files.writeString(script, String.join("\n",
                "g=$(cat " + board.resolve(FakeTx2Tree.GPU_MAX) + ")",
                "c=$(cat " + board.resolve(FakeTx2Tree.CPU_MAX) + ")",
                "sleep 0.05",
                "awk -v g=\"$g\" -v c=\"$c\" 'BEGIN { printf \"{\\\"latency\\\": %.6f}\\n\", "
                        + "0.01 + 2e7 / g + g / 2e10 + 5e3 / c }'",
                ""), StandardCharsets.UTF_8);
        Path config = dir.resolve("tunerd.yaml");
        Files.writeString(config, String.join("\n",
                "deviceId: kill-test",
                "device: {backend: jetson, board: tx2, sysfsRoot: '" + board.root() + "'}",
                "workload:",
                "  dnn: xception",
                "  width: 600",
                "  height: 600",
                "  command: {argv: [/bin/sh, '" + script + "'], timeout: 30s, latencyPattern: 'json:latency'}",
                "  warmups: 0",
                "  repetitions: 1",
                "  settle: 0",
                "policy: {objective: min-latency, budget: 8, strategy: lms, learner: rt}",
                "kafka:",
                "  enabled: true",
                "  bootstrapServers: '" + broker.bootstrapServers() + "'",
                "  topics: {events: " + EVENTS + ", commands: kill.commands, models: kill.models}",
                "http: {enabled: true, host: 127.0.0.1, port: " + port + ", token: '" + TOKEN + "'}",
                "store: {dir: '" + state + "'}",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The random kill moment (the schedule), never a wait for a result. */
    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
