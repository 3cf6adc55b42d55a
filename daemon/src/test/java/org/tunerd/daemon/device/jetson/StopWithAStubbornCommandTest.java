package org.tunerd.daemon.device.jetson;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, defect 3: {@code tunerd run} as a real process on the Jetson backend against a fake TX2 tree, with an
 * inference command that ignores SIGTERM (and a child of it that does too). SIGTERM mid-measurement: the daemon
 * stops the command's process group, restores the board and exits inside the unit's {@code TimeoutStopSec}, and
 * no process of the command is left.
 */
class StopWithAStubbornCommandTest {

    @TempDir
    Path dir;

    /** The unit's stop timeout: systemd kills the service after it. */
    private static Duration unitStopTimeout() throws Exception {
        Matcher m = Pattern.compile("(?m)^TimeoutStopSec=(\\d+)$")
                .matcher(Files.readString(Path.of("..", "systemd", "tunerd.service")));
        assertTrue(m.find(), "systemd/tunerd.service sets TimeoutStopSec");
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }

    /** Alive and not a zombie (a zombie has ended; only its parent's wait is missing). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void sigtermMidMeasurementRestoresTheBoardAndLeavesNoProcess() throws Exception {
        Path root = dir.resolve("board");
        FakeBoard board = FakeBoard.tx2(root).tx2Power(5000);
        Map<String, String> original = board.state();
        Path shPid = dir.resolve("sh.pid");
        Path sleepPid = dir.resolve("sleep.pid");
        Path script = dir.resolve("stubborn-inference.sh");
        Files.writeString(script, "trap '' TERM\n"
                + "sleep 600 &\n"
                + "echo $! > " + sleepPid + ".tmp && mv " + sleepPid + ".tmp " + sleepPid + "\n"
                + "echo $$ > " + shPid + ".tmp && mv " + shPid + ".tmp " + shPid + "\n"
                + "wait\n"
                + "echo '{\"latency\": 0.1}'\n");
        Path config = dir.resolve("tunerd.yaml");
        Files.writeString(config, String.join("\n",
                "deviceId: stop-test",
                "device: {backend: jetson, board: tx2, sysfsRoot: '" + root + "'}",
                "workload:",
                "  dnn: xception",
                "  width: 600",
                "  height: 600",
                "  command: {argv: [/bin/sh, '" + script + "'], timeout: 10m, latencyPattern: 'json:latency'}",
                "  warmups: 0",
                "  repetitions: 1",
                "  settle: 0",
                "policy: {budget: 12, strategy: lms, learner: rt}",
                "http: {enabled: false}",
                "store: {dir: '" + dir.resolve("state") + "'}",
                ""));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.tunerd.daemon.cli.Tunerd", "run",
                "-c", config.toString()));
        Path log = dir.resolve("daemon.log");
        Process daemon = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(shPid) || !daemon.isAlive());
            assertTrue(daemon.isAlive(), () -> "the daemon died before measuring: " + read(log));
            long sh = Long.parseLong(Files.readString(shPid).trim());
            long sleep = Long.parseLong(Files.readString(sleepPid).trim());
            assertTrue(running(sh) && running(sleep));
            assertNotEquals(original, board.state(), "mid-session: the daemon has written to the board");
            assertTrue(Files.exists(dir.resolve("state").resolve("board-snapshot.json")));

            long t0 = System.nanoTime();
            daemon.destroy(); // SIGTERM, as systemctl stop sends it
            Duration limit = unitStopTimeout();
            boolean exited = daemon.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("tunerd stop with a SIGTERM-ignoring command took " + took.toMillis() + " ms (unit "
                    + "TimeoutStopSec " + limit.toSeconds() + " s)");
            assertTrue(exited, () -> "still running " + limit + " after SIGTERM: systemd would kill it; log:\n"
                    + read(log));
            assertEquals(original, board.state(), () -> "the board is back at its snapshot; log:\n" + read(log));
            assertFalse(running(sh), "the inference command is gone");
            assertFalse(running(sleep), "and so is the child it started");
            assertFalse(Files.exists(dir.resolve("state").resolve("board-snapshot.json")), "restored: snapshot removed");
        } finally {
            daemon.destroyForcibly();
            for (Path p : List.of(shPid, sleepPid)) {
                if (Files.exists(p)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(p).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
