package org.tunerd.daemon.service;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.api.ApiServer;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.commands.CommandConsumer;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.config.ConfigWatcher;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.detect.EnvironmentTracker;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.detect.WorkloadFileWatcher;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventSettings;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.fleet.FleetShare;
import org.tunerd.daemon.kafka.KafkaClientSettings;
import org.tunerd.daemon.store.StoredModelJson;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.TuningListener;

/**
 * The running tunerd service: one Vert.x instance, the device, the model and session stores, the event
 * publisher (journal, and Kafka when configured), environment detection (start-up board identity,
 * workload file, HTTP, Kafka), the {@link Tuner}, the config watcher, the HTTP API, the Kafka command
 * consumer and fleet sharing. {@link #start} wires them; {@link #close} stops them in reverse order and
 * restores the device if configured.
 *
 * <p>About 250 lines because it is the composition root: it builds every part in the order they depend on
 * each other and closes them in reverse, and keeping that order in one place is the point; what each part
 * does lives in the part.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final Vertx vertx;
    private final Device device;
    private final EventPublisher events;
    private final Tuner tuner;
    private final EnvironmentDetector detector;
    private final ModelStore store;
    private final List<AutoCloseable> closeables;
    private final Optional<ApiServer> api;

    private Daemon(Vertx vertx, Device device, EventPublisher events, Tuner tuner, EnvironmentDetector detector,
                   ModelStore store, List<AutoCloseable> closeables, Optional<ApiServer> api) {
        this.vertx = vertx;
        this.device = device;
        this.events = events;
        this.tuner = tuner;
        this.detector = detector;
        this.store = store;
        this.closeables = closeables;
        this.api = api;
    }

    /**
     * Starts the service and announces the configured workload.
     *
     * @param config     the configuration in force
     * @param configFile the file it came from, watched for changes and SIGHUP; empty = no reloads
     * @param device     the opened device (see {@link DeviceFactory})
     * @param observer   an extra listener of every tuning session (no-op for the service)
     */
    public static Daemon start(TunerConfig config, Optional<Path> configFile, Device device, TuningListener observer) {
        Clock clock = Clock.systemUTC();
        DeviceDescription description = device.describe();
        List<ConfigProblem> problems = PolicyControl.deviceProblems(config, description);
        if (!problems.isEmpty()) {
            throw new ConfigException("policy.constraints on " + description.hardware(), problems);
        }
        org.tunerd.daemon.config.ConfigWarnings.of(config, description.space()).forEach(w -> LOG.warn("configuration: {}", w));
        Vertx vertx = Vertx.vertx();
        List<AutoCloseable> closeables = new ArrayList<>();
        EventPublisher events = null;
        Tuner tuner = null;
        try {
            Optional<KafkaClientSettings> kafka = KafkaClients.of(config.kafka());
            EventPublisher publisher = EventPublisher.start(EventSettings.of(config.deviceId(), config.store().journal()), kafka);
            events = publisher;
            ModelStore store = new ModelStore(config.store().models(), config.store().similarity());
            store.problems().forEach(p -> LOG.warn("model store: {} skipped: {}", p.file(), p.reason()));
            SessionStore sessions = new SessionStore(config.store().sessions());
            if (!description.energyAvailable()) {
                publisher.publish(new EventPayload.SensorMissing(description.hardware(),
                        "latency only; energy objectives fall back to latency"));
            }
            EnvironmentTracker tracker = new EnvironmentTracker(
                    Optional.of(config.store().directory().resolve("environment.json")), clock);
            TunerMetrics metrics = new TunerMetrics(new io.prometheus.metrics.model.registry.PrometheusRegistry(),
                    description.energyUnit());
            Tuner coordinator = new Tuner(device, tracker, store, sessions, publisher, metrics, config,
                    observer, clock);
            metrics.includeRuntime(org.tunerd.daemon.BuildVersion.current());
            metrics.observeEvents(publisher::status, publisher::deliveryErrors);
            if (kafka.isPresent()) {
                org.tunerd.daemon.logging.KafkaWarningLimiter.backlogFrom(() -> Optional.of(
                        publisher.status().undeliveredBytes() + " journal bytes not yet delivered"));
            }
            metrics.observeConfiguration(() -> coordinator.view().status().configuration(), description.space());
            tuner = coordinator;
            EnvironmentDetector detector = coordinator.detector();
            // the pin and the start-up workload first, before HTTP, Kafka or the workload file can report one: a
            // restart then sees the environment remembered from before it, not one reported meanwhile
            coordinator.restorePin(); // a pinned board is not tuned
            coordinator.startUp(config.workload());

            Optional<WorkloadFileWatcher> workloadFile = config.workload().watchFile().map(file -> {
                WorkloadFileWatcher watcher = new WorkloadFileWatcher(file, java.time.Duration.ofSeconds(1), detector,
                        reason -> publisher.publish(EventPayload.CommandRejected.of("workload file", reason)));
                closeables.add(watcher);
                return watcher;
            });
            kafka.ifPresent(k -> {
                closeables.add(CommandConsumer.start(k, config.deviceId(), coordinator.commands(),
                        org.tunerd.daemon.commands.ReplayGuard.keptIn(
                                config.store().directory().resolve("commands-seen.json"), clock), publisher));
                if (config.kafka().fleetSharing()) {
                    FleetShare fleet = FleetShare.start(k, config.deviceId(), shared -> importShared(store, publisher, shared));
                    coordinator.onStored(model -> fleet.publish(model.id(), StoredModelJson.write(model)));
                    closeables.add(fleet);
                }
            });
            Optional<ApiServer> api = Optional.empty();
            if (config.http().enabled()) {
                ApiServer server = new ApiServer(config.http(), coordinator.view(), coordinator.actions(), metrics);
                vertx.deployVerticle(server).await();
                LOG.info("HTTP API on {}:{}", config.http().host(), server.port());
                api = Optional.of(server);
            }
            RetuneTimers timers = new RetuneTimers(vertx, () -> coordinator.actions().retune("periodic"),
                    coordinator::checkDrift);
            timers.apply(config.retune());
            closeables.add(timers);
            Optional<ApiServer> liveApi = api;
            // after the API: a reload hands the new token to it and the new periods to the timers
            configFile.ifPresent(file -> closeables.add(watchConfig(file, config, coordinator, liveApi, timers)));
            Daemon daemon = new Daemon(vertx, device, publisher, coordinator, detector, store, closeables, api);
            workloadFile.ifPresent(WorkloadFileWatcher::start); // its report follows the start-up one
            return daemon;
        } catch (Exception e) { // Vert.x's await() rethrows checked causes (a BindException) undeclared
            // a failed start (a busy HTTP port, an unreachable store) leaves nothing running behind it
            if (tuner != null) {
                tuner.close();
            }
            for (int i = closeables.size() - 1; i >= 0; i--) {
                try {
                    closeables.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            vertx.close().await();
            if (events != null) {
                events.close();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException("tunerd could not start: " + e, e);
        }
    }

    private static ConfigWatcher watchConfig(Path file, TunerConfig config, Tuner tuner, Optional<ApiServer> api,
                                             RetuneTimers timers) {
        // a reload passes the same device check as start-up before it takes effect
        ConfigWatcher watcher = new ConfigWatcher(file, new ConfigLoader(), config, tuner::deviceProblems,
                new ConfigWatcher.Listener() {
                    @Override
                    public void reloaded(TunerConfig previous, TunerConfig current, ConfigWatcher.Cause cause) {
                        tuner.configReloaded(current, cause.name().toLowerCase(java.util.Locale.ROOT), file.toString());
                        TunerConfig inForce = tuner.config();
                        api.ifPresent(a -> a.useToken(inForce.http().token()));
                        timers.apply(inForce.retune());
                    }

                    @Override
                    public void rejected(Path f, List<ConfigProblem> problems, ConfigWatcher.Cause cause) {
                        tuner.configRejected(f.toString(), problems.stream().map(Object::toString).toList(),
                                cause.name().toLowerCase(java.util.Locale.ROOT));
                    }
                });
        watcher.start();
        return watcher;
    }

    private static void importShared(ModelStore store, EventPublisher events, org.tunerd.daemon.fleet.SharedEnvironment shared) {
        try {
            StoredModel model = StoredModelJson.read(shared.document(), "tunerd.models[" + shared.environmentId() + "]");
            Optional<StoredModel> mine = store.get(model.environment());
            if (mine.isPresent() && mine.get().data().size() >= model.data().size()) {
                return;
            }
            store.save(model);
            events.publish(new EventPayload.ModelImported(shared.environmentId(), shared.originDeviceId(),
                    model.data().size()));
        } catch (RuntimeException e) {
            LOG.warn("ignoring shared environment {} from {}: {}", shared.environmentId(), shared.originDeviceId(),
                    e.getMessage());
        }
    }

    /** Reports a workload as HTTP or Kafka would; returns whether the environment changed. */
    public boolean announce(WorkloadAnnouncement workload, String source) {
        return detector.announce(workload, source).isPresent();
    }

    public Tuner tuner() {
        return tuner;
    }

    public ModelStore store() {
        return store;
    }

    public EventPublisher events() {
        return events;
    }

    /** The HTTP port, if the API is enabled. */
    public Optional<Integer> httpPort() {
        return api.map(ApiServer::port);
    }

    @Override
    public void close() {
        device.close(); // restore first: stops a measurement in progress and writes the snapshot back
        org.tunerd.daemon.logging.KafkaWarningLimiter.backlogFrom(null);
        tuner.close();
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", closeables.get(i), e.getMessage());
            }
        }
        vertx.close().await();
        events.close();
        device.close();
    }
}
