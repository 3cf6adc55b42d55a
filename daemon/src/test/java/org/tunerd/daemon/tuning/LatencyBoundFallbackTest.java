package org.tunerd.daemon.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

class LatencyBoundFallbackTest {

    private static Measurement sample(int cores, double latency, double energy) {
        return new Measurement(new Configuration(Map.of("cores", (double) cores)), latency, energy);
    }

    @Test
    void keepsMeasuredConfigurationsWithAsMuchHeadroomAsTheVerificationLostLowestEnergyFirst() {
        Measurement failed = sample(1, 0.95, 1.0);
        Measurement verified = sample(1, 1.05, 1.1); // 0.10 s slower than sampled, SLO 1.0 s
        List<Measurement> samples = List.of(failed,
                sample(2, 0.92, 1.2),   // 0.92 + 0.10 > 1.0: not enough headroom
                sample(3, 0.85, 1.6),
                sample(4, 0.60, 2.5),
                sample(5, 0.80, 1.4),
                sample(6, 1.20, 0.9));  // never met the bound

        List<Measurement> chosen = LatencyBoundFallback.candidates(1.0, samples, failed, verified);

        assertEquals(List.of(samples.get(4), samples.get(2)), chosen, "5 cores (1.4) then 3 (1.6); 4 cores is cut");
        assertEquals(LatencyBoundFallback.MAX_ATTEMPTS, chosen.size());
    }

    @Test
    void noHeadroomAnywhereMeansNothingToTry() {
        Measurement failed = sample(1, 0.99, 1.0);
        Measurement verified = sample(1, 1.5, 1.5);
        assertEquals(List.of(), LatencyBoundFallback.candidates(1.0,
                List.of(failed, sample(2, 0.7, 2.0)), failed, verified));
    }
}
