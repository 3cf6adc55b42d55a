package org.tunerd.daemon.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;

/**
 * Judges the measured configurations of a session by every run of each (its samples and its verifications),
 * so that a configuration chosen for one lucky run does not stay applied once a second run contradicts it.
 *
 * <p>The best measured sample is, by being the least of many noisy runs, more often a low draw than its
 * neighbours (the winner's curse): on a board whose energy readings spread by tens of percent between runs
 * of one setting, the answer can be a setting whose typical value is far from the best. The rule, after the
 * applied configuration's verification run: while a measured configuration not yet verified has a sample
 * that scores better than the mean of the applied configuration's runs, that one is verified too (at most
 * {@link #MAX_ATTEMPTS} extra runs); the configuration kept is the verified one whose runs score best on
 * average. On a device that answers a configuration the same way every time the verification equals the
 * sample and no extra run is made.
 *
 * <p>Not thread-safe; one per verification.
 */
final class RunConfirmation {

    /** Extra verification runs a session may spend on configurations whose sample beats the applied one's mean. */
    static final int MAX_ATTEMPTS = 2;

    private final Map<Configuration, List<Measurement>> runs = new LinkedHashMap<>();
    private final Set<Configuration> verified = new LinkedHashSet<>();
    private final ToDoubleFunction<Measurement> score;

    /**
     * @param samples the session's measurements (a configuration may appear more than once)
     * @param score   the objective's score of a measurement, lower is better
     */
    RunConfirmation(List<Measurement> samples, ToDoubleFunction<Measurement> score) {
        this.score = score;
        for (Measurement m : samples) {
            runs.computeIfAbsent(m.configuration(), k -> new ArrayList<>()).add(m);
        }
    }

    /** Records a verification run. */
    void verified(Measurement run) {
        runs.computeIfAbsent(run.configuration(), k -> new ArrayList<>()).add(run);
        verified.add(run.configuration());
    }

    /**
     * The next configuration to verify: the measured one not yet verified whose runs score best, if they score
     * better than the runs of every verified configuration.
     */
    Optional<Configuration> challenger() {
        double kept = score.applyAsDouble(mean(best()));
        Configuration next = null;
        double nextScore = kept;
        for (Configuration c : runs.keySet()) {
            if (verified.contains(c)) {
                continue;
            }
            double s = score.applyAsDouble(mean(c));
            if (s < nextScore) {
                next = c;
                nextScore = s;
            }
        }
        return Optional.ofNullable(next);
    }

    /** The verified configuration whose runs score best on average (the first verified on ties). */
    Configuration best() {
        if (verified.isEmpty()) {
            throw new IllegalStateException("nothing verified yet");
        }
        Configuration best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (Configuration c : verified) {
            double s = score.applyAsDouble(mean(c));
            if (best == null || s < bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return best;
    }

    /** The number of runs of {@code c} (samples and verifications). */
    int runs(Configuration c) {
        return runs.getOrDefault(c, List.of()).size();
    }

    /** The arithmetic mean of the latency and energy runs of a measured configuration. */
    Measurement mean(Configuration c) {
        List<Measurement> r = runs.get(c);
        if (r == null || r.isEmpty()) {
            throw new IllegalArgumentException("not measured: " + c);
        }
        if (r.size() == 1) {
            return r.get(0);
        }
        double latency = 0;
        double energy = 0;
        for (Measurement m : r) {
            latency += m.latency() / r.size();
            energy += m.energy() / r.size();
        }
        return new Measurement(c, latency, energy);
    }
}
