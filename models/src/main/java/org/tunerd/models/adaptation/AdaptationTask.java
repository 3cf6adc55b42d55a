package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Objects;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.transfer.Source;

/**
 * What one adaptation adapts to.
 *
 * @param space     the target configurations that may be measured and applied (the device's space within
 *                  the operator's constraints); not empty
 * @param sources   the stored environments to transfer from, the primary one first; empty = cold start
 * @param objective what "best" means; an objective that {@linkplain Objective#needsEnergy() needs energy} only
 *                  when {@code energy} is true
 * @param budget    the most configurations to measure (the verification runs are the session's, not counted)
 * @param seed      seed of every random choice, so that a resumed adaptation plans the same measurements
 * @param resumed   measurements taken earlier for this environment (a restart, a revisit), each of a distinct
 *                  configuration of {@code space}; used first
 * @param energy    true if the device measures energy
 */
public record AdaptationTask(ConfigurationSpace space, List<Source> sources, Objective objective, int budget,
                             long seed, List<Measurement> resumed, boolean energy) {

    public AdaptationTask {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(objective, "objective");
        sources = List.copyOf(sources);
        resumed = List.copyOf(resumed);
        if (space.size() == 0) {
            throw new IllegalArgumentException("an adaptation needs at least one candidate configuration");
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1 measurement, got " + budget);
        }
        if (!energy && objective.needsEnergy()) {
            throw new IllegalArgumentException("objective " + objective + " needs energy, which the device does not measure");
        }
        for (Source s : sources) {
            requireOptionsIn(space, s);
        }
    }

    /**
     * A source's model reads every option it was measured with, so each must be an option of the target space
     * (the target may have more: those the source did not vary).
     */
    private static void requireOptionsIn(ConfigurationSpace space, Source source) {
        List<String> target = space.names();
        List<String> missing = source.data().space().names().stream().filter(name -> !target.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("source " + source.data().environment().id() + " was measured with "
                    + (missing.size() == 1 ? "option " : "options ") + missing + " that the target space does not have"
                    + " (its options: " + target + "); a source must be measured over the target's options");
        }
    }

    /** The configurations that may be measured and applied, in the space's order. */
    public List<Configuration> candidates() {
        return space.configurations();
    }

    /** True without a source: a cold start. */
    public boolean coldStart() {
        return sources.isEmpty();
    }
}
