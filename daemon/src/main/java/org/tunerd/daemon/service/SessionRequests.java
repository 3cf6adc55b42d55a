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
 * ({@link SourceSelector}); a session interrupted by a restart resumes with the sources it started with. Stored
 * and checkpointed measurements are re-expressed in the device's categorical codes by label ({@link DeviceLabels}).
 */
final class SessionRequests {

    /**
     * Everything a session is made from, and what the runner needs to keep its result.
     *
     * @param interrupted the checkpoint of an earlier session for the same environment that did not finish
     *                    (a restart, another environment announced meanwhile): this session continues it
     */
    record Prepared(TuningRequest request, List<MeasurementSet> sources, Optional<StoredModel> known,
                    List<Measurement> resumed, Map<String, String> settings, Optional<SessionCheckpoint> interrupted) {
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
    private final DeviceLabels labels;

    SessionRequests(ModelStore store, SessionStore sessions, Device device) {
        this.store = store;
        this.sessions = sessions;
        this.device = device;
        this.space = device.describe().space();
        this.labels = new DeviceLabels(space);
    }

    /**
     * The session for {@code environment} under {@code config}.
     *
     * @param reuseStored false: measure afresh and replace the stored measurements (drift, an operator's retune)
     */
    Prepared prepare(Environment environment, boolean reuseStored, TunerConfig config) {
        Optional<StoredModel> known = reuseStored
                ? store.get(environment).filter(this::sameOptions).flatMap(this::inDeviceCodes) : Optional.empty();
        // a checkpoint measured with other options (software options declared or removed since) is not resumed
        Optional<SessionCheckpoint> interrupted = sessions.load(environment).filter(cp ->
                new java.util.HashSet<>(cp.space().names()).equals(new java.util.HashSet<>(space.names())));
        List<Measurement> checkpointed = interrupted.map(cp -> labels.of(cp.measured(), cp.space(), environment,
                "checkpoint measurements")).orElse(List.of());
        List<Measurement> resumed = resumedMeasurements(known, checkpointed);
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
        return new Prepared(request, sources, known, resumed, Policies.settings(config.policy()), interrupted);
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

    /**
     * {@code stored} with its measurements in the device's categorical codes (by label, {@link DeviceLabels}): the
     * config may have reordered an option's values since it was stored. Empty if no label is left in common.
     */
    private Optional<StoredModel> inDeviceCodes(StoredModel stored) {
        return labels.of(stored.data(), "stored measurements").map(data -> data == stored.data() ? stored
                : new StoredModel(data, stored.influence(), stored.settings(), stored.created(), stored.updated()));
    }

    /**
     * Measurements this environment already has: stored ones, plus an interrupted session's (restart), both in
     * the device's codes.
     */
    private static List<Measurement> resumedMeasurements(Optional<StoredModel> known, List<Measurement> checkpointed) {
        Map<Configuration, Measurement> byConfiguration = new LinkedHashMap<>();
        known.ifPresent(k -> k.data().measurements().forEach(m -> byConfiguration.put(m.configuration(), m)));
        checkpointed.forEach(m -> byConfiguration.put(m.configuration(), m));
        return new ArrayList<>(byConfiguration.values());
    }
}
