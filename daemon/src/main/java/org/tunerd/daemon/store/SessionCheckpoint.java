package org.tunerd.daemon.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * A tuning session in progress, saved after every measurement so a restart resumes it.
 *
 * @param sessionId   identifier of the session (in events)
 * @param environment the target environment
 * @param origin      who announced the environment ({@code startup} for the configuration file's workload,
 *                    {@code http}, {@code kafka}, {@code file}, ...; {@code unknown} in older checkpoints)
 * @param space       the space being tuned (options only; constraints come from the policy)
 * @param sourceId    id of the stored environment transferred from (the primary one); empty for a cold start
 * @param extraSourceIds ids of further stored environments the models transfer from, nearest first (a
 *                    resumed session transfers from the same ones)
 * @param settings    strategy, learner, budget and other settings of the session, as text
 * @param planned     configurations the strategy planned to measure, in order
 * @param measured    measurements taken so far, in order
 * @param started     when the session started
 * @param updated     when the checkpoint was written
 * @param resumedFrom when the interrupted checkpoint this session continues was written (a restart, or the
 *                    environment announced again after another one interrupted it); empty for a fresh session
 */
public record SessionCheckpoint(String sessionId, Environment environment, String origin, ConfigurationSpace space,
                                Optional<String> sourceId, List<String> extraSourceIds, Map<String, String> settings,
                                List<Configuration> planned,
                                List<Measurement> measured, Instant started, Instant updated,
                                Optional<Instant> resumedFrom) {

    public SessionCheckpoint {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(sourceId, "sourceId");
        extraSourceIds = List.copyOf(extraSourceIds);
        if (sourceId.isEmpty() && !extraSourceIds.isEmpty()) {
            throw new IllegalArgumentException("extra sources " + extraSourceIds + " without a primary source");
        }
        settings = Map.copyOf(settings);
        planned = List.copyOf(planned);
        measured = List.copyOf(measured);
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(resumedFrom, "resumedFrom");
    }

    /** Planned configurations not measured yet, in plan order. */
    public List<Configuration> remaining() {
        Set<Configuration> done = new HashSet<>();
        measured.forEach(m -> done.add(m.configuration()));
        List<Configuration> out = new ArrayList<>();
        planned.stream().filter(c -> !done.contains(c)).forEach(out::add);
        return out;
    }

    /** This checkpoint with one more measurement. */
    public SessionCheckpoint withMeasurement(Measurement m, Instant now) {
        List<Measurement> more = new ArrayList<>(measured);
        more.add(m);
        return new SessionCheckpoint(sessionId, environment, origin, space, sourceId, extraSourceIds, settings, planned,
                more, started, now, resumedFrom);
    }
}
