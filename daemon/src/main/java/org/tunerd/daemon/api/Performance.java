package org.tunerd.daemon.api;

/**
 * Latency and energy of one inference, predicted or measured.
 *
 * @param latency seconds
 * @param energy  joules (the measuring device's unit); {@code NaN} when unknown
 */
public record Performance(double latency, double energy) {
}
