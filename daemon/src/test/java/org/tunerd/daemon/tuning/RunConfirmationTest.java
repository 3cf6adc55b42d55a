package org.tunerd.daemon.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

class RunConfirmationTest {

    private static Configuration config(int cpu) {
        return new Configuration(Map.of("cpu_freq", (double) cpu));
    }

    private static Measurement run(int cpu, double energy) {
        return new Measurement(config(cpu), 1, energy);
    }

    private static RunConfirmation energy(List<Measurement> samples) {
        return new RunConfirmation(samples, Measurement::energy);
    }

    @Test
    void aVerificationThatMatchesItsSampleLeavesNoChallenger() {
        RunConfirmation r = energy(List.of(run(1, 10), run(2, 12), run(3, 15)));
        r.verified(run(1, 10));

        assertEquals(Optional.empty(), r.challenger());
        assertEquals(config(1), r.best());
    }

    @Test
    void challengersAreTheUnverifiedSamplesBelowTheAppliedMeanBestFirst() {
        RunConfirmation r = energy(List.of(run(1, 10), run(2, 12), run(3, 13), run(4, 20)));
        r.verified(run(1, 20)); // mean 15

        assertEquals(Optional.of(config(2)), r.challenger());
        r.verified(run(2, 14)); // mean 13: now the best verified
        assertEquals(config(2), r.best());
        assertEquals(Optional.empty(), r.challenger(), "13 is not below the best verified mean 13");
        assertEquals(13, r.mean(config(2)).energy(), 1e-12);
        assertEquals(2, r.runs(config(1)));
    }

    @Test
    void theBestIsTheVerifiedConfigurationWithTheBestMeanEvenIfAChallengerDisappoints() {
        RunConfirmation r = energy(List.of(run(1, 10), run(2, 12)));
        r.verified(run(1, 16)); // mean 13
        r.verified(run(2, 18)); // mean 15

        assertEquals(config(1), r.best());
        assertTrue(r.challenger().isEmpty());
    }

    @Test
    void repeatedSamplesOfAConfigurationAllCount() {
        RunConfirmation r = energy(List.of(run(1, 10), run(1, 14), run(2, 11)));
        r.verified(run(1, 12)); // mean 12

        assertEquals(Optional.of(config(2)), r.challenger());
        assertEquals(12, r.mean(config(1)).energy(), 1e-12);
    }

    @Test
    void nothingVerifiedHasNoBest() {
        assertThrows(IllegalStateException.class, () -> energy(List.of(run(1, 10))).best());
    }
}
