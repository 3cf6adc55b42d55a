package org.tunerd.daemon.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.api.HealthReport;
import org.tunerd.daemon.api.ModelSnapshot;
import org.tunerd.daemon.api.Prediction;
import org.tunerd.daemon.api.SessionProgress;
import org.tunerd.daemon.api.StatusSnapshot;
import org.tunerd.daemon.api.TunerView;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.SpacePrediction;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.SoftwareValues;

/**
 * What the HTTP API reads: built from the {@link TunerStatus} snapshot, the prediction cache and the
 * store, without any lock of the session machinery, so a view never waits for a session. Only the
 * board's current configuration is asked of the device itself.
 */
final class StatusView implements TunerView {

    private final Device device;
    private final EnvironmentDetector detector;
    private final TunerStatus status;
    private final SessionRunner runner;
    private final PolicyControl policy;
    private final ModelStore store;
    private final EventPublisher events;
    private final Clock clock;

    StatusView(Device device, EnvironmentDetector detector, TunerStatus status, SessionRunner runner,
               PolicyControl policy, ModelStore store, EventPublisher events, Clock clock) {
        this.device = device;
        this.detector = detector;
        this.status = status;
        this.runner = runner;
        this.policy = policy;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public StatusSnapshot status() {
        TunerState s = status.get();
        var environment = detector.current();
        Optional<TuningOutcome> outcome = s.last().filter(o -> environment.map(o.environment()::equals).orElse(false));
        Optional<SessionProgress> progress = s.progress().map(cp -> new SessionProgress(cp.sessionId(),
                cp.measured().size(), cp.planned().size(), cp.sourceId(), cp.extraSourceIds(), cp.origin(),
                cp.resumedFrom()));
        Optional<Configuration> configuration = s.pinned().or(this::deviceConfiguration);
        return new StatusSnapshot(events.deviceId(), s.phase(), environment, configuration, s.pinned().isPresent(),
                outcome.map(TuningOutcome::predicted),
                outcome.map(o -> new Performance(o.verified().latency(), o.verified().energy())), progress,
                s.lastTuned(), s.lastError(), clock.instant(),
                configuration.map(c -> SoftwareValues.of(device.describe().space(), c)).orElse(Map.of()));
    }

    private Optional<Configuration> deviceConfiguration() {
        try {
            return Optional.of(device.current());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public TunerConfig config() {
        return policy.config();
    }

    @Override
    public Optional<ModelSnapshot> model() {
        TunerState s = status.get();
        return s.last().map(o -> {
            Map<String, Double> accuracy = new LinkedHashMap<>();
            accuracy.put("latency.cvMape", o.quality().latencyCvMape());
            accuracy.put("energy.cvMape", o.quality().energyCvMape());
            accuracy.put("latency.verifyError", DriftMonitor.relativeError(o.predicted().latency(), o.verified().latency()));
            accuracy.put("energy.verifyError", DriftMonitor.relativeError(o.predicted().energy(), o.verified().energy()));
            return new ModelSnapshot(o.environment(), o.source().map(e -> e.id()),
                    o.extraSources().stream().map(e -> e.id()).toList(), o.strategy(), o.learner(), o.samples().size(),
                    store.get(o.environment()).map(StoredModel::influence).orElse(List.of()), accuracy,
                    s.lastTuned().orElseThrow(), softwareOptions(store.get(o.environment())
                            .map(StoredModel::space).orElse(device.describe().space())));
        });
    }

    /** The software options of {@code space} with their values in their types. */
    private static Map<String, List<Object>> softwareOptions(ConfigurationSpace space) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (Option o : space.options()) {
            if (!BoardOptions.isHardware(o.name())) {
                out.put(o.name(), o.values().stream()
                        .map(v -> SoftwareValues.of(space, Configuration.of(o.name(), v)).get(o.name())).toList());
            }
        }
        return out;
    }

    private Prediction prediction(Configuration c, double latency, double energy) {
        return new Prediction(c, latency, energy, SoftwareValues.of(device.describe().space(), c));
    }

    @Override
    public List<Prediction> predictions() {
        return currentPrediction().map(p -> {
            List<Prediction> out = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) {
                out.add(prediction(p.configurations().get(i), p.at(i).latency(), p.at(i).energy()));
            }
            return out;
        }).orElse(List.of());
    }

    @Override
    public List<Prediction> pareto() {
        return currentPrediction().map(p -> p.paretoFront().stream()
                .map(i -> prediction(p.configurations().get(i), p.at(i).latency(), p.at(i).energy())).toList())
                .orElse(List.of());
    }

    /** Whole-space predictions for the current environment, if it has been tuned. */
    Optional<SpacePrediction> currentPrediction() {
        return detector.current().flatMap(e -> runner.prediction(e.id()));
    }

    @Override
    public HealthReport health() {
        HealthReport.DeviceHealth deviceHealth;
        try {
            Configuration current = device.current();
            deviceHealth = new HealthReport.DeviceHealth(Optional.of(current), Optional.empty(),
                    SoftwareValues.of(device.describe().space(), current));
        } catch (RuntimeException e) {
            deviceHealth = new HealthReport.DeviceHealth(Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
        }
        return new HealthReport(deviceHealth, device.describe().energyAvailable(), events.status(),
                new HealthReport.StoreHealth(store.size(), store.problems().size()), status.get().lastError());
    }
}
