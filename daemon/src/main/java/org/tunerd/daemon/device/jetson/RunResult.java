package org.tunerd.daemon.device.jetson;

/**
 * One run of an inference command.
 *
 * @param startNanos     clock time just before the process started
 * @param endNanos       clock time just after it exited
 * @param latencySeconds latency of the inference: wall time, or the value the command printed
 * @param parsed         true if the latency was printed by the command, false if it is the wall time
 */
public record RunResult(long startNanos, long endNanos, double latencySeconds, boolean parsed) {

    /** Wall time of the run in seconds. */
    public double wallSeconds() {
        return (endNanos - startNanos) * 1e-9;
    }
}
