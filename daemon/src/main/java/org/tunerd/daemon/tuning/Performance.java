package org.tunerd.daemon.tuning;

/**
 * Latency and energy of one configuration, predicted or measured.
 *
 * @param latency seconds per inference
 * @param energy  energy per inference (NaN when unknown)
 */
public record Performance(double latency, double energy) {
}
