package org.tunerd.daemon.device.jetson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.InferenceCommand;

/**
 * Runs an {@link InferenceCommand} once: argv without a shell, extra environment, working directory, timeout.
 * A run that exits non-zero, times out or prints no latency (when a pattern is set) is a
 * {@link DeviceException} carrying the tail of its stderr; a run that times out is killed with its whole
 * process tree.
 *
 * <p>Where {@code setsid} is available the command runs in a process group of its own, so that stopping it
 * reaches everything it started, even children that left its process tree. {@link #abort()} (tunerd stopping)
 * ends the runs in progress at once: SIGTERM to each command's group and tree, SIGKILL after {@link #GRACE}
 * for whatever ignored it, and refuses further runs.
 *
 * <p>About 260 lines: starting, timing out, aborting and killing share the set of running processes and its
 * lock (a run must not start once an abort took its snapshot of them), so the lifecycle stays in one class.
 */
public final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final int STDOUT_LINES = 2000;
    private static final int STDERR_LINES = 20;
    private static final long READER_JOIN_MILLIS = 2000;
    /** How long a command may take to end on SIGTERM before it is killed. */
    public static final java.time.Duration GRACE = java.time.Duration.ofSeconds(2);
    private static final java.util.Optional<String> SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(p -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(p))).findFirst();

    private final LongSupplier clock;
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    /** @param clock nanosecond clock for the run's start and end (the power sampler's clock) */
    public CommandRunner(LongSupplier clock) {
        this.clock = clock;
    }

    public CommandRunner() {
        this(System::nanoTime);
    }

    /** Runs {@code command} once and returns its timing and latency. */
    public RunResult run(InferenceCommand command) {
        LatencyParser parser = LatencyParser.of(command.latencyPattern());
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add); // exec'd in place (the JVM's child is no group leader): same pid, own group
        argv.addAll(command.argv());
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(command.environment());
        command.workingDirectory().ifPresent(dir -> pb.directory(dir.toFile()));
        Tail stdout = new Tail(STDOUT_LINES);
        Tail stderr = new Tail(STDERR_LINES);
        long start = clock.getAsLong();
        Process process;
        synchronized (running) {
            if (aborted) {
                throw new DeviceException("not running " + command.argv() + ": tunerd is stopping");
            }
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new DeviceException("cannot start inference command " + command.argv()
                        + command.workingDirectory().map(d -> " in " + d).orElse("") + ": " + e.getMessage(), e);
            }
            running.add(process);
        }
        try {
            return finish(command, parser, process, stdout, stderr, start);
        } finally {
            running.remove(process);
        }
    }

    private RunResult finish(InferenceCommand command, LatencyParser parser, Process process, Tail stdout, Tail stderr,
                             long start) {
        Thread out = stdout.drain(process.getInputStream(), "stdout");
        Thread err = stderr.drain(process.getErrorStream(), "stderr");
        boolean exited;
        try {
            exited = process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new DeviceException("interrupted while running " + command.argv() + "; the command was killed", e);
        }
        long end = clock.getAsLong();
        if (!exited) {
            killTree(process);
            join(out, err);
            throw new DeviceException("inference command " + command.argv() + " did not finish within "
                    + command.timeout() + " and was killed" + stderr.describe());
        }
        join(out, err);
        int status = process.exitValue();
        if (aborted) {
            throw new DeviceException("inference command " + command.argv() + " was stopped: tunerd is stopping");
        }
        if (status != 0) {
            throw new DeviceException("inference command " + command.argv() + " exited with status " + status
                    + stderr.describe());
        }
        OptionalDouble parsed;
        try {
            parsed = parser.parse(stdout.lines());
        } catch (DeviceException e) {
            throw new DeviceException(e.getMessage() + stderr.describe(), e);
        }
        double wall = (end - start) * 1e-9;
        return new RunResult(start, end, parsed.orElse(wall), parsed.isPresent());
    }

    /**
     * Ends every run in progress and refuses new ones: SIGTERM to each command's process group and tree, then,
     * after {@link #GRACE}, SIGKILL to whatever is left. Returns once they are gone (or survived SIGKILL, logged).
     */
    public void abort() {
        List<Process> victims;
        synchronized (running) {
            aborted = true;
            victims = List.copyOf(running);
        }
        if (victims.isEmpty()) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : victims) {
            all.add(p.toHandle());
            all.addAll(p.descendants().toList());
            signalGroup(p, "TERM");
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<ProcessHandle> stubborn = all.stream().filter(ProcessHandle::isAlive).toList();
        if (!stubborn.isEmpty()) {
            LOG.warn("inference command ignored SIGTERM for {}: killing {} process(es)", GRACE, stubborn.size());
        }
        for (Process p : victims) {
            killTree(p);
        }
    }

    /** Signals the process group the command leads (when it runs under setsid); best effort. */
    private static void signalGroup(Process process, String signal) {
        if (SETSID.isEmpty()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.debug("cannot signal process group {}: {}", process.pid(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills the process, its process group and every descendant (collected before the parent dies, so none is
     * orphaned).
     */
    static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        signalGroup(process, "KILL");
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                LOG.error("process {} survived SIGKILL for 5 s", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread... readers) {
        for (Thread t : readers) {
            try {
                t.join(READER_JOIN_MILLIS);
                if (t.isAlive()) {
                    LOG.warn("{} still open {} ms after the command ended (a background child holds it?)",
                            t.getName(), READER_JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last lines of a stream, read in a background thread. */
    private static final class Tail {
        private final int max;
        private final Deque<String> lines = new ArrayDeque<>();

        Tail(int max) {
            this.max = max;
        }

        Thread drain(InputStream in, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (this) {
                            lines.addLast(line);
                            if (lines.size() > max) {
                                lines.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // stream closed when the process was killed
                }
            }, "tunerd-command-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        synchronized List<String> lines() {
            return new ArrayList<>(lines);
        }

        /** "; stderr: ..." with the last lines, or "; stderr was empty". */
        synchronized String describe() {
            if (lines.isEmpty()) {
                return "; stderr was empty";
            }
            String text = String.join("\n", lines);
            if (text.length() > 2000) {
                text = "..." + text.substring(text.length() - 2000);
            }
            return "; stderr (last " + lines.size() + " lines):\n" + text;
        }
    }
}
