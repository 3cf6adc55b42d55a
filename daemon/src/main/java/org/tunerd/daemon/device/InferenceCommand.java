package org.tunerd.daemon.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An external program that runs inference once per invocation.
 *
 * @param argv             program and arguments (no shell)
 * @param environment      extra environment variables
 * @param workingDirectory where to run it; empty = the daemon's working directory
 * @param timeout          a run taking longer is killed and reported as an error
 * @param latencyPattern   empty: latency is the wall time of the run; {@code json:<field>}: the last JSON
 *                         line printed carries the latency in seconds in {@code field}; otherwise a regular
 *                         expression whose group 1 is the latency in seconds
 */
public record InferenceCommand(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                               Duration timeout, Optional<String> latencyPattern) {

    public InferenceCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(latencyPattern, "latencyPattern");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("inference command argv must not be empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("inference command timeout must be positive, got " + timeout);
        }
    }

    /** Without the environment's values, which may be secrets (tokens, keys). */
    @Override
    public String toString() {
        return "InferenceCommand[argv=" + argv + ", environment=" + new java.util.TreeSet<>(environment.keySet())
                + " (values hidden), workingDirectory=" + workingDirectory + ", timeout=" + timeout
                + ", latencyPattern=" + latencyPattern + "]";
    }
}
