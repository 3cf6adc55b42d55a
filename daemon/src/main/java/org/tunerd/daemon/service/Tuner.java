package org.tunerd.daemon.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.api.ActionResult;
import org.tunerd.daemon.api.HealthReport;
import org.tunerd.daemon.api.ModelSnapshot;
import org.tunerd.daemon.api.Prediction;
import org.tunerd.daemon.api.SessionProgress;
import org.tunerd.daemon.api.StatusSnapshot;
import org.tunerd.daemon.api.TunerActions;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.api.TunerView;
import org.tunerd.daemon.commands.Command;
import org.tunerd.daemon.commands.CommandHandler;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.detect.EnvironmentChanged;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.CancellationToken;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.SourceCache;
import org.tunerd.daemon.tuning.SpacePrediction;
import org.tunerd.daemon.tuning.TuningCancelledException;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.daemon.tuning.TuningRequest;
import org.tunerd.daemon.tuning.TuningSession;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * The adaptive loop's coordinator: reacts to environment changes, commands, pins and policy changes by
 * starting, cancelling and finishing tuning sessions, one at a time on its own thread ({@code
 * tunerd-tuning}), so that device access is serialised and never runs on an event loop. It selects the
 * sources (the nearest stored environment, then up to {@code store.maxSources - 1} more well-covered ones;
 * see {@link SourceSelector}; a session resumed after a restart keeps the sources it started with),
 * persists progress, stores each tuned environment as a future source, keeps whole-space predictions in a Caffeine cache per environment,
 * keeps the fitted source models in another ({@link SourceCache}, invalidated on store writes),
 * and answers the HTTP API and the Kafka commands.
 */
public final class Tuner implements TunerView, TunerActions, CommandHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Tuner.class);

    private final Device device;
    private final DeviceDescription description;
    private final EnvironmentDetector detector;
    private final ModelStore store;
    private final SessionStore sessions;
    private final EventPublisher events;
    private final TunerMetrics metrics;
    private final TuningListener observer;
    private final Clock clock;
    private final AtomicReference<TunerConfig> config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tunerd-tuning");
        t.setDaemon(true);
        return t;
    });
    private final Cache<String, SpacePrediction> predictions = Caffeine.newBuilder().maximumSize(64).build();
    private final SourceCache sourceModels = new SourceCache(16);
    private final ModelArchive archive;
    private final List<java.util.function.Consumer<StoredModel>> storedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    // guarded by this
    private CancellationToken running;
    private SessionCheckpointer runningCheckpoint;
    private String state = "idle";
    private Configuration pinned;
    private TuningOutcome last;
    private Instant lastTuned;
    private String lastError;

    /**
     * @param observer further listener of every session (e.g. {@code tunerd simulate}'s printer); may be a no-op
     */
    public Tuner(Device device, EnvironmentDetector detector, ModelStore store, SessionStore sessions,
                 EventPublisher events, TunerMetrics metrics, TunerConfig config, TuningListener observer, Clock clock) {
        this.device = device;
        this.description = device.describe();
        this.detector = detector;
        this.store = store;
        this.sessions = sessions;
        this.events = events;
        this.metrics = metrics;
        this.observer = observer;
        this.clock = clock;
        this.config = new AtomicReference<>(config);
        this.archive = new ModelArchive(store, events, description.energyUnit());
        store.onChange(sourceModels::invalidate);
    }

    /** Calls {@code listener} with every environment stored after a session (fleet sharing). */
    public void onStored(java.util.function.Consumer<StoredModel> listener) {
        storedListeners.add(listener);
    }

    /** Called for every environment change from the event bus. */
    public void onEnvironmentChanged(EnvironmentChanged change) {
        events.publish(EventType.ENVIRONMENT_CHANGED, EventData.of(
                "previous", change.previous().map(EventData::environment).orElse(null),
                "current", EventData.environment(change.current()),
                "source", change.source(),
                "differences", change.differences(),
                "hardwareChange", change.isHardwareChange()));
        if (config.get().retune().onEnvironmentChange()) {
            tune(change.current(), "environment changed (" + String.join(", ", change.differences()) + ")");
        }
    }

    /**
     * Starts a session for {@code environment}, cancelling the one running, reusing the measurements the
     * store already has for it. While a configuration is pinned, nothing is tuned and the returned future
     * completes empty.
     */
    public CompletableFuture<Optional<TuningOutcome>> tune(Environment environment, String reason) {
        return tune(environment, reason, true);
    }

    /**
     * As {@link #tune(Environment, String)}; with {@code reuseStored} false the session measures afresh and
     * replaces the stored measurements (after drift, or when an operator asks to retune).
     */
    public synchronized CompletableFuture<Optional<TuningOutcome>> tune(Environment environment, String reason,
                                                                       boolean reuseStored) {
        if (pinned != null) {
            LOG.info("not tuning {} ({}): configuration pinned to {}", environment, reason, pinned);
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (running != null) {
            running.cancel("superseded: " + reason);
        }
        CancellationToken token = new CancellationToken();
        running = token;
        LOG.info("tuning {}: {}", environment, reason);
        return CompletableFuture.supplyAsync(() -> runSession(environment, token, reuseStored), worker);
    }

    private Optional<TuningOutcome> runSession(Environment environment, CancellationToken token, boolean reuseStored) {
        TunerConfig cfg = config.get();
        Optional<StoredModel> known = reuseStored ? store.get(environment) : Optional.empty();
        Optional<SessionCheckpoint> interrupted = sessions.load().filter(cp -> cp.environment().equals(environment));
        List<Measurement> resumed = resumedMeasurements(known, interrupted);
        SourceSelector selector = new SourceSelector(store, description.space(), cfg.store().maxSources());
        // an interrupted session resumes with the sources it started with, so its models stay the same
        List<MeasurementSet> sources = interrupted.flatMap(cp -> cp.sourceId()
                        .map(id -> selector.resume(environment, id, cp.extraSourceIds())))
                .orElseGet(() -> selector.select(environment));
        ConfigurationSpace space = description.space();
        int budget = Math.max(2, cfg.policy().budget().samples(space.size()));
        TuningRequest request = new TuningRequest(environment, workload(cfg.workload(), environment),
                Policies.objective(cfg.policy().objective()), cfg.policy().strategy(), cfg.policy().learner(), budget,
                cfg.policy().constraints().toConstraints(), device.settleTime(cfg.workload().settle()), environment.id().hashCode(), resumed);
        Map<String, String> settings = Policies.settings(cfg.policy());
        SessionCheckpointer checkpointer = new SessionCheckpointer(sessions, space, settings, resumed, clock);
        synchronized (this) {
            state = "measuring";
            runningCheckpoint = checkpointer;
        }
        TuningListener listener = new Listeners(List.of(checkpointer, new EventingListener(events, metrics), observer));
        try {
            TuningOutcome outcome = new TuningSession(device, request, sourceModels.sources(sources), listener, token).run();
            predictions.put(environment.id(), outcome.prediction());
            StoredModel stored = archive.store(outcome, known, space, settings);
            storedListeners.forEach(l -> l.accept(stored));
            synchronized (this) {
                last = outcome;
                lastTuned = clock.instant();
                lastError = null;
            }
            return Optional.of(outcome);
        } catch (TuningCancelledException e) {
            LOG.info("session for {} cancelled: {}", environment, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("session for {} failed: {}", environment, e.getMessage(), e);
            synchronized (this) {
                lastError = e.getMessage();
            }
            return Optional.empty();
        } finally {
            synchronized (this) {
                if (running == token) {
                    running = null;
                }
                runningCheckpoint = null;
                state = "idle";
            }
        }
    }

    /** Measurements this environment already has: stored ones, plus an interrupted session's (restart). */
    private static List<Measurement> resumedMeasurements(Optional<StoredModel> known,
                                                         Optional<SessionCheckpoint> interrupted) {
        Map<Configuration, Measurement> byConfiguration = new LinkedHashMap<>();
        known.ifPresent(k -> k.data().measurements().forEach(m -> byConfiguration.put(m.configuration(), m)));
        interrupted.ifPresent(cp -> cp.measured().forEach(m -> byConfiguration.put(m.configuration(), m)));
        return new ArrayList<>(byConfiguration.values());
    }

    private static Workload workload(WorkloadSettings settings, Environment environment) {
        Workload base = settings.toWorkload();
        return new Workload(environment.dnn(), environment.width(), environment.height(), environment.attributes(),
                base.command(), base.warmups(), base.repetitions());
    }

    /**
     * A drift check: measures the configuration the device is in and compares it with the verification
     * measurement the last session took of it (not with the prediction, whose own error would retune
     * forever); a relative difference above {@code retune.driftThreshold} (latency or energy) starts a new
     * session that measures afresh. Runs on the tuning thread between sessions; skipped while a session
     * runs, while pinned, or before the environment was tuned. Completes with whether it retuned.
     */
    public CompletableFuture<Boolean> checkDrift() {
        return CompletableFuture.supplyAsync(() -> {
            TunerConfig cfg = config.get();
            TuningOutcome outcome;
            synchronized (this) {
                outcome = last;
                if (running != null || pinned != null || outcome == null || cfg.retune().driftThreshold().isEmpty()
                        || !detector.current().map(outcome.environment()::equals).orElse(false)) {
                    return false;
                }
            }
            Measurement check = device.measure(workload(cfg.workload(), outcome.environment()));
            Measurement baseline = outcome.verified();
            double latencyError = relativeError(baseline.latency(), check.latency());
            double energyError = check.hasEnergy() && baseline.hasEnergy() ? relativeError(baseline.energy(), check.energy()) : 0;
            double threshold = cfg.retune().driftThreshold().getAsDouble();
            if (Math.max(latencyError, energyError) <= threshold) {
                LOG.debug("drift check on {}: within {} (latency {}, energy {})", outcome.environment(), threshold,
                        latencyError, energyError);
                return false;
            }
            String reason = String.format(java.util.Locale.ROOT,
                    "drift: measured %.4f s / %.4g where verification measured %.4f s / %.4g (more than %.0f%% apart)",
                    check.latency(), check.energy(), baseline.latency(), baseline.energy(), 100 * threshold);
            tune(outcome.environment(), reason, false);
            return true;
        }, worker);
    }

    /** Applies a new configuration file (reload or SIGHUP) and retunes if the policy changed. */
    public void configReloaded(TunerConfig previous, TunerConfig current, String cause) {
        config.set(current);
        events.publish(EventType.POLICY_RELOADED, EventData.of("cause", cause, "policy", Policies.settings(current.policy())));
        if (!previous.policy().equals(current.policy()) || !previous.workload().equals(current.workload())) {
            detector.current().ifPresent(env -> tune(env, "policy changed (" + cause + ")"));
        }
    }

    /** Reports an invalid configuration file: the last good one stays in force. */
    public void configRejected(String file, List<String> problems, String cause) {
        metrics.configRejected();
        events.publish(EventType.POLICY_REJECTED, EventData.of("file", file, "cause", cause, "problems", problems,
                "kept", "last good configuration"));
    }

    // ---- commands (Kafka) ----

    @Override
    public void handle(Command command) {
        if (command instanceof Command.Retune r) {
            requireAccepted(retune(r.reason().orElse("command")));
        } else if (command instanceof Command.AnnounceWorkload a) {
            detector.announce(new WorkloadAnnouncement(a.dnn(), a.width(), a.height(), a.attributes()), "kafka");
        } else if (command instanceof Command.OverridePolicy o) {
            overridePolicy(o.policy());
        } else if (command instanceof Command.PinConfiguration p) {
            requireAccepted(pin(p.configuration()));
        } else if (command instanceof Command.ReleasePin) {
            requireAccepted(release());
        } else {
            throw new IllegalArgumentException("unsupported command " + command.type());
        }
    }

    private static void requireAccepted(ActionResult result) {
        if (result.outcome() != ActionResult.Outcome.ACCEPTED) {
            throw new IllegalArgumentException(result.message());
        }
    }

    /** Validates a run-time policy override like a file; invalid: rejected, the policy in force stays. */
    public void overridePolicy(ObjectNode override) {
        TunerConfig previous = config.get();
        TunerConfig next;
        try {
            next = previous.withPolicyOverride(override);
        } catch (ConfigException e) {
            List<String> problems = e.problems().stream().map(Object::toString).toList();
            configRejected("command", problems, "override");
            throw new IllegalArgumentException("policy override rejected: " + String.join("; ", problems));
        }
        configReloaded(previous, next, "override");
    }

    // ---- actions (HTTP and commands) ----

    @Override
    public ActionResult retune(String reason) {
        return detector.current().map(env -> {
            tune(env, "retune requested: " + reason, false);
            return ActionResult.accepted("retuning " + env.id());
        }).orElseGet(() -> ActionResult.conflict("no environment known yet: announce a workload first"));
    }

    @Override
    public ActionResult announce(WorkloadAnnouncement workload) {
        return detector.announce(workload, "http").map(c -> ActionResult.accepted("environment changed to " + c.current().id()))
                .orElseGet(() -> ActionResult.accepted("environment unchanged"));
    }

    @Override
    public ActionResult pin(Configuration configuration) {
        Optional<String> violation = description.space().violation(configuration);
        if (violation.isPresent()) {
            return ActionResult.invalid("configuration " + configuration + " is not offered: " + violation.get());
        }
        synchronized (this) {
            pinned = configuration;
            if (running != null) {
                running.cancel("configuration pinned");
            }
        }
        worker.submit(() -> {
            try {
                device.apply(configuration);
                events.publish(EventType.DEVICE_RECONFIGURED, EventData.of("configuration",
                        EventData.configuration(configuration), "pinned", true));
            } catch (RuntimeException e) {
                LOG.error("pinning {} failed: {}", configuration, e.getMessage());
                synchronized (this) {
                    lastError = "pin failed: " + e.getMessage();
                }
            }
        });
        return ActionResult.accepted("pinned " + configuration);
    }

    @Override
    public ActionResult release() {
        synchronized (this) {
            if (pinned == null) {
                return ActionResult.conflict("no configuration is pinned");
            }
            pinned = null;
        }
        detector.current().ifPresent(env -> tune(env, "pin released"));
        return ActionResult.accepted("pin released");
    }

    // ---- view (HTTP) ----

    @Override
    public StatusSnapshot status() {
        Optional<Configuration> deviceConfiguration = currentConfiguration(); // not under the lock: may wait on a measurement
        synchronized (this) {
            Optional<Environment> env = detector.current();
            Optional<TuningOutcome> outcome = Optional.ofNullable(last)
                    .filter(o -> env.map(o.environment()::equals).orElse(false));
            Optional<SessionProgress> progress = Optional.ofNullable(runningCheckpoint).flatMap(SessionCheckpointer::current)
                    .map(cp -> new SessionProgress(cp.sessionId(), cp.measured().size(), cp.planned().size(), cp.sourceId(),
                            cp.extraSourceIds()));
            return new StatusSnapshot(events.deviceId(), state, env, Optional.ofNullable(pinned).or(() -> deviceConfiguration),
                    pinned != null, outcome.map(TuningOutcome::predicted),
                    outcome.map(o -> new Performance(o.verified().latency(), o.verified().energy())), progress,
                    Optional.ofNullable(lastTuned), Optional.ofNullable(lastError), clock.instant());
        }
    }

    private Optional<Configuration> currentConfiguration() {
        try {
            return Optional.of(device.current());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public TunerConfig config() {
        return config.get();
    }

    @Override
    public synchronized Optional<ModelSnapshot> model() {
        if (last == null) {
            return Optional.empty();
        }
        TuningOutcome o = last;
        Map<String, Double> accuracy = new LinkedHashMap<>();
        accuracy.put("latency.cvMape", o.quality().latencyCvMape());
        accuracy.put("energy.cvMape", o.quality().energyCvMape());
        accuracy.put("latency.verifyError", relativeError(o.predicted().latency(), o.verified().latency()));
        accuracy.put("energy.verifyError", relativeError(o.predicted().energy(), o.verified().energy()));
        return Optional.of(new ModelSnapshot(o.environment(), o.source().map(Environment::id),
                o.extraSources().stream().map(Environment::id).toList(), o.strategy(), o.learner(),
                o.samples().size(), store.get(o.environment()).map(StoredModel::influence).orElse(List.of()), accuracy,
                lastTuned));
    }

    private static double relativeError(double predicted, double measured) {
        return Math.abs(predicted - measured) / measured;
    }

    @Override
    public List<Prediction> predictions() {
        return currentPrediction().map(p -> {
            List<Prediction> out = new ArrayList<>(p.size());
            for (int i = 0; i < p.size(); i++) {
                out.add(new Prediction(p.configurations().get(i), p.at(i).latency(), p.at(i).energy()));
            }
            return out;
        }).orElse(List.of());
    }

    @Override
    public List<Prediction> pareto() {
        return currentPrediction().map(p -> p.paretoFront().stream()
                .map(i -> new Prediction(p.configurations().get(i), p.at(i).latency(), p.at(i).energy())).toList())
                .orElse(List.of());
    }

    /** Whole-space predictions for the current environment, if it has been tuned. */
    public Optional<SpacePrediction> currentPrediction() {
        return detector.current().map(e -> predictions.getIfPresent(e.id()));
    }

    @Override
    public HealthReport health() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean healthy = true;
        try {
            checks.put("device", "ok: " + device.current());
        } catch (RuntimeException e) {
            checks.put("device", "failing: " + e.getMessage());
            healthy = false;
        }
        checks.put("energy", description.energyAvailable() ? "ok" : "no power sensor: latency only");
        org.tunerd.daemon.events.DeliveryStatus delivery = events.status();
        checks.put("events", delivery.summary());
        healthy &= !delivery.stuck(); // events waiting longer than the publisher's stuck time
        checks.put("store", store.size() + " environments, " + store.problems().size() + " unreadable");
        synchronized (this) {
            checks.put("lastSession", lastError == null ? "ok" : "failed: " + lastError);
        }
        return new HealthReport(healthy, checks);
    }

    /** Pending sessions are cancelled; waits briefly for the running one to stop. */
    @Override
    public void close() {
        synchronized (this) {
            if (running != null) {
                running.cancel("daemon stopping");
            }
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
