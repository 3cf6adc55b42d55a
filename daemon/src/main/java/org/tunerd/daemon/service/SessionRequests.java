package org.tunerd.daemon.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.TuningRequest;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Turns the configuration in force and an environment into what one session needs: its request (workload,
 * objective, strategy, learner, budget, constraints, the measurements it already has) and its sources. The
 * sources are the nearest stored environment and up to {@code store.maxSources - 1} more well-covered ones
 * ({@link SourceSelector}); a session interrupted by a restart resumes with the sources it started with.
 */
final class SessionRequests {

    /** Everything a session is made from, and what the runner needs to keep its result. */
    record Prepared(TuningRequest request, List<MeasurementSet> sources, Optional<StoredModel> known,
                    List<Measurement> resumed, Map<String, String> settings) {
        Prepared {
            sources = List.copyOf(sources);
            resumed = List.copyOf(resumed);
            settings = Map.copyOf(settings);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionRequests.class);

    private final ModelStore store;
    private final SessionStore sessions;
    private final Device device;
    private final ConfigurationSpace space;

    SessionRequests(ModelStore store, SessionStore sessions, Device device) {
        this.store = store;
        this.sessions = sessions;
        this.device = device;
        this.space = device.describe().space();
    }

    /**
     * The session for {@code environment} under {@code config}.
     *
     * @param reuseStored false: measure afresh and replace the stored measurements (drift, an operator's retune)
     */
    Prepared prepare(Environment environment, boolean reuseStored, TunerConfig config) {
        Optional<StoredModel> known = reuseStored ? store.get(environment).filter(this::sameOptions) : Optional.empty();
        Optional<SessionCheckpoint> interrupted = sessions.load().filter(cp -> cp.environment().equals(environment));
        List<Measurement> resumed = resumedMeasurements(known, interrupted);
        SourceSelector selector = new SourceSelector(store, space, config.store().maxSources());
        // an interrupted session resumes with the sources it started with, so its models stay the same
        List<MeasurementSet> sources = interrupted.flatMap(cp -> cp.sourceId()
                        .map(id -> selector.resume(environment, id, cp.extraSourceIds())))
                .orElseGet(() -> selector.select(environment));
        int budget = Math.max(2, config.policy().budget().samples(space.size()));
        TuningRequest request = new TuningRequest(environment, workload(config.workload(), environment),
                Policies.objective(config.policy().objective()), config.policy().strategy(), config.policy().learner(),
                budget, config.policy().constraints().toConstraints(), device.settleTime(config.workload().settle()),
                environment.id().hashCode(), resumed);
        return new Prepared(request, sources, known, resumed, Policies.settings(config.policy()));
    }

    /**
     * True if {@code stored} has the device's options. A stored environment measured with other options (software
     * options declared or removed since) is not reused as this environment's measurements; it is a source.
     */
    private boolean sameOptions(StoredModel stored) {
        boolean same = new java.util.HashSet<>(stored.space().names()).equals(new java.util.HashSet<>(space.names()));
        if (!same) {
            LOG.warn("{} is stored with options {}, the device now offers {}: measuring afresh and transferring from "
                    + "it; the new session's measurements replace it in the store", stored.environment(),
                    stored.space().names(), space.names());
        }
        return same;
    }

    /** What the device runs while measuring {@code environment}: its DNN and input, measured as configured. */
    static Workload workload(WorkloadSettings settings, Environment environment) {
        Workload base = settings.toWorkload();
        return new Workload(environment.dnn(), environment.width(), environment.height(), environment.attributes(),
                base.command(), base.warmups(), base.repetitions());
    }

    /** Measurements this environment already has: stored ones, plus an interrupted session's (restart). */
    private static List<Measurement> resumedMeasurements(Optional<StoredModel> known,
                                                         Optional<SessionCheckpoint> interrupted) {
        Map<Configuration, Measurement> byConfiguration = new LinkedHashMap<>();
        known.ifPresent(k -> k.data().measurements().forEach(m -> byConfiguration.put(m.configuration(), m)));
        interrupted.ifPresent(cp -> cp.measured().forEach(m -> byConfiguration.put(m.configuration(), m)));
        return new ArrayList<>(byConfiguration.values());
    }
}
