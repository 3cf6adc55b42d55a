package org.tunerd.daemon.tuning;

import java.util.Comparator;
import java.util.List;
import org.tunerd.models.data.Measurement;

/**
 * Under a latency SLO the session applies the best measured configuration, which often sits just below the
 * bound; its verification run can then land above the bound by measurement noise. This picks the measured
 * configurations to try instead: those that met the bound with at least as much headroom as the failed one
 * lost between its sample and its verification, lowest energy first, at most {@link #MAX_ATTEMPTS}.
 */
final class LatencyBoundFallback {

    /** Extra verification runs a session may spend when the applied configuration misses the bound. */
    static final int MAX_ATTEMPTS = 2;

    private LatencyBoundFallback() {
    }

    /**
     * @param bound    the latency SLO in seconds
     * @param samples  the session's measurements
     * @param failed   the sample of the configuration that missed the bound on verification
     * @param verified its verification run
     */
    static List<Measurement> candidates(double bound, List<Measurement> samples, Measurement failed,
                                        Measurement verified) {
        double excess = Math.max(0, verified.latency() - failed.latency());
        return samples.stream()
                .filter(m -> !m.configuration().equals(failed.configuration()))
                .filter(m -> m.latency() + excess <= bound)
                .sorted(Comparator.comparingDouble(Measurement::energy))
                .limit(MAX_ATTEMPTS)
                .toList();
    }
}
