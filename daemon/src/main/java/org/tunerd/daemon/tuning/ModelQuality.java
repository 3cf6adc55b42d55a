package org.tunerd.daemon.tuning;

/**
 * How well the fitted target models explain the samples.
 *
 * @param samples          number of target measurements the models were fitted on
 * @param latencyCvMape    leave-one-out MAPE of latency on the samples, in % (NaN if too few samples)
 * @param energyCvMape     leave-one-out MAPE of energy on the samples, in % (NaN if too few samples)
 */
public record ModelQuality(int samples, double latencyCvMape, double energyCvMape) {
}
