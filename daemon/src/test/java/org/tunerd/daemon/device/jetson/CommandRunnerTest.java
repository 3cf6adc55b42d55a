package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.InferenceCommand;

class CommandRunnerTest {

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    private static InferenceCommand sh(String script, Optional<String> pattern) {
        return new InferenceCommand(List.of("/bin/sh", "-c", script), Map.of(), Optional.empty(),
                Duration.ofSeconds(30), pattern);
    }

    @Test
    void wallTimeIsTheRunsWindow() {
        RunResult r = runner.run(sh("sleep 0.05", Optional.empty()));
        assertFalse(r.parsed());
        assertEquals(r.wallSeconds(), r.latencySeconds());
        assertTrue(r.latencySeconds() >= 0.05, "slept 50 ms, measured " + r.latencySeconds());
    }

    @Test
    void latencyFromTheLastMatchOfAPattern() {
        RunResult r = runner.run(sh("echo 'loading model'; echo 'latency: 0.5 s'; echo 'latency: 0.0123 s'; echo done",
                Optional.of("latency: ([0-9.eE+-]+) s")));
        assertTrue(r.parsed());
        assertEquals(0.0123, r.latencySeconds());
    }

    @Test
    void latencyFromTheLastJsonLineWithTheField() {
        RunResult r = runner.run(sh("echo '{\"latency\": 0.3}'; echo '{\"latency\": 0.042, \"top1\": \"cat\"}';"
                + " echo '{\"status\": \"ok\"}'; echo 'not json {'", Optional.of("json:latency")));
        assertEquals(0.042, r.latencySeconds());
    }

    @Test
    void environmentAndWorkingDirectoryAreUsed() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work dir"));
        InferenceCommand cmd = new InferenceCommand(
                List.of("/bin/sh", "-c", "test \"$TUNERD_TEST\" = 'a b' && test \"$(pwd -P)\" = \"$EXPECTED\" && echo t=0.25"),
                Map.of("TUNERD_TEST", "a b", "EXPECTED", work.toRealPath().toString()), Optional.of(work),
                Duration.ofSeconds(30), Optional.of("t=([0-9.]+)"));
        assertEquals(0.25, runner.run(cmd).latencySeconds());
    }

    @Test
    void failingCommandCarriesItsStatusAndStderrTail() {
        DeviceException e = assertThrows(DeviceException.class, () -> runner.run(
                sh("echo starting; for i in 1 2 3; do echo \"noise $i\" >&2; done; echo 'CUDA out of memory' >&2; exit 3",
                        Optional.empty())));
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA out of memory") && e.getMessage().contains("noise 3"), e.getMessage());
    }

    @Test
    void hangingCommandIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        InferenceCommand cmd = new InferenceCommand(
                List.of("/bin/sh", "-c", "echo 'warming up' >&2; sleep 60 & echo $! > '" + pidFile + "'; wait"),
                Map.of(), Optional.empty(), Duration.ofMillis(500), Optional.empty());
        DeviceException e = assertThrows(DeviceException.class, () -> runner.run(cmd));
        assertTrue(e.getMessage().contains("did not finish within PT0.5S") && e.getMessage().contains("killed")
                && e.getMessage().contains("warming up"), e.getMessage());
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(child);
        if (handle.isPresent()) {
            // killed: it exits (bounded wait for the kernel to reap it)
            handle.get().onExit().get(10, TimeUnit.SECONDS);
            assertFalse(handle.get().isAlive());
        }
    }

    @Test
    void missingLatencyIsAnError() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> runner.run(sh("echo 'no timing here'", Optional.of("latency: ([0-9.]+)"))));
        assertTrue(e.getMessage().contains("does not match") && e.getMessage().contains("no timing here"), e.getMessage());
        e = assertThrows(DeviceException.class,
                () -> runner.run(sh("echo '{\"ms\": 12}'", Optional.of("json:latency"))));
        assertTrue(e.getMessage().contains("'latency'"), e.getMessage());
        e = assertThrows(DeviceException.class,
                () -> runner.run(sh("echo 'latency: 0'", Optional.of("latency: ([0-9.]+)"))));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void badPatternsAndMissingProgramsAreErrors() {
        assertThrows(DeviceException.class, () -> runner.run(sh("true", Optional.of("latency: [0-9"))));
        assertThrows(DeviceException.class, () -> runner.run(sh("true", Optional.of("latency: [0-9.]+"))));
        assertThrows(DeviceException.class, () -> runner.run(sh("true", Optional.of("json:"))));
        DeviceException e = assertThrows(DeviceException.class, () -> runner.run(new InferenceCommand(
                List.of(dir.resolve("no-such-program").toString()), Map.of(), Optional.empty(), Duration.ofSeconds(5),
                Optional.empty())));
        assertTrue(e.getMessage().contains("no-such-program"), e.getMessage());
    }
}
