package org.tunerd.daemon.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.tunerd.daemon.api.TunerActions;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.api.TunerView;
import org.tunerd.daemon.commands.CommandHandler;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.detect.EnvironmentTracker;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.PinStore;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.SourceCache;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * The adaptive loop's coordinator, assembled from parts with one job each:
 * <ul>
 *   <li>{@link EnvironmentDetector} and {@link RetuneOnChange}: an environment change is published and
 *       asks for a session;</li>
 *   <li>{@link SessionRunner}: runs sessions one at a time on the {@link TuningThread} (cancelling,
 *       coalescing, checkpointing, storing), each prepared by {@link SessionRequests}, with the fitted source
 *       models kept between sessions in a {@link SourceCache} that every store write invalidates;</li>
 *   <li>{@link TunerStatus}: the immutable {@link TunerState} the runner, pins and drift checks update and
 *       the HTTP views ({@link StatusView}) read without a lock;</li>
 *   <li>{@link PolicyControl}: the configuration in force, reloads and overrides, checked against the device;</li>
 *   <li>{@link OperatorActions} and {@link CommandDispatcher}: what HTTP calls and Kafka commands do;</li>
 *   <li>{@link DriftMonitor}: retunes when the tuned configuration's performance drifts.</li>
 * </ul>
 * The device is only used on the tuning thread, never on an event loop.
 */
public final class Tuner implements AutoCloseable {

    /** Stored environments whose fitted source models are kept between sessions (a session uses up to 4). */
    private static final int SOURCE_MODELS = 16;

    private final TuningThread thread = new TuningThread();
    private final TunerStatus status = new TunerStatus();
    private final PolicyControl policy;
    private final SessionRunner runner;
    private final EnvironmentDetector detector;
    private final OperatorActions actions;
    private final CommandDispatcher commands;
    private final DriftMonitor drift;
    private final StatusView view;

    /**
     * @param tracker  remembers the current environment across restarts
     * @param observer a further listener of every session (e.g. {@code tunerd simulate}'s printer); may be a no-op
     */
    public Tuner(Device device, EnvironmentTracker tracker, ModelStore store, SessionStore sessions,
                 EventPublisher events, TunerMetrics metrics, TunerConfig config, TuningListener observer, Clock clock) {
        DeviceDescription description = device.describe();
        SourceCache sourceModels = new SourceCache(SOURCE_MODELS);
        store.onChange(sourceModels::invalidate); // store writes and fleet imports both go through the store
        this.policy = new PolicyControl(config, description, events, metrics, this::retuneCurrent,
                this::announceReloaded);
        this.runner = new SessionRunner(device, new SessionRequests(store, sessions, device), sessions,
                new ModelArchive(store, events, description.energyUnit(), clock), sourceModels, events, metrics, observer, status,
                policy::config, env -> tracker.sourceOf(env).orElse("unknown"), thread, clock);
        this.detector = new EnvironmentDetector(description.hardware(), tracker,
                new RetuneOnChange(events, runner, policy::config));
        this.actions = new OperatorActions(device, detector, runner, status, events,
                new PinStore(config.store().directory().resolve("pin.json")), thread);
        this.commands = new CommandDispatcher(actions, policy);
        this.drift = new DriftMonitor(device, detector, status, runner, policy::config, thread);
        this.view = new StatusView(device, detector, status, runner, policy, store, events, clock);
    }

    /** Where workload reports arrive (start-up, workload file, HTTP, Kafka). */
    public EnvironmentDetector detector() {
        return detector;
    }

    /** What the HTTP API reads. */
    public TunerView view() {
        return view;
    }

    /** What the HTTP API may ask. */
    public TunerActions actions() {
        return actions;
    }

    /** Where the Kafka command consumer hands commands. */
    public CommandHandler commands() {
        return commands;
    }

    /**
     * Reports the configuration file's workload at start-up ({@link EnvironmentDetector#startUp}). A new
     * environment (first start, new board, new workload in the file) is an environment change; a plain restart
     * re-tunes the remembered environment (the file's, or the one announced at run time before the restart),
     * which reuses its stored measurements and resumes its interrupted session.
     */
    public void startUp(org.tunerd.daemon.config.WorkloadSettings workload) {
        WorkloadAnnouncement announcement = new WorkloadAnnouncement(workload.dnn(), workload.width(), workload.height(),
                workload.attributes());
        if (detector.startUp(announcement).isEmpty()) {
            detector.current().ifPresent(env -> tune(env, "start-up"));
        }
    }

    /**
     * Asks for a session for {@code environment}, reusing the measurements the store already has for it;
     * completes empty when pinned, replaced, cancelled or failed.
     */
    public CompletableFuture<Optional<TuningOutcome>> tune(Environment environment, String reason) {
        return runner.tune(environment, reason, true);
    }

    /** Puts back the operator's pin recorded before a restart, if any; call before announcing the workload. */
    public Optional<Configuration> restorePin() {
        return actions.restorePin();
    }

    /** One drift check (see {@link DriftMonitor}); completes with whether it asked for a retune. */
    public CompletableFuture<Boolean> checkDrift() {
        return drift.check();
    }

    /** Calls {@code listener} with every environment stored after a session (fleet sharing). */
    public void onStored(Consumer<StoredModel> listener) {
        runner.onStored(listener);
    }

    /** What a configuration file asks of the device that it cannot do (checked before a reload takes effect). */
    public List<ConfigProblem> deviceProblems(TunerConfig candidate) {
        return policy.deviceProblems(candidate);
    }

    /**
     * A configuration file was reloaded (file change, SIGHUP): what can be applied live takes effect, fields
     * that need a restart are reported (see {@link PolicyControl#reloaded}); {@link #config()} is then in force.
     */
    public void configReloaded(TunerConfig fromFile, String cause, String file) {
        policy.reloaded(fromFile, cause, file);
    }

    /** The configuration in force (after reloads: the start-only fields as the daemon started). */
    public TunerConfig config() {
        return policy.config();
    }

    /** A configuration file was invalid: the last good one stays in force. */
    public void configRejected(String file, List<String> problems, String cause) {
        policy.rejected(file, problems, cause);
    }

    /** A run-time policy override; throws naming every problem if it is rejected. */
    void overridePolicy(ObjectNode override) {
        policy.override(override);
    }

    /** A reloaded file names another workload: it is the environment in force now. */
    private boolean announceReloaded(org.tunerd.daemon.config.WorkloadSettings w) {
        return detector.reloaded(new WorkloadAnnouncement(w.dnn(), w.width(), w.height(), w.attributes())).isPresent();
    }

    private void retuneCurrent(String reason) {
        detector.current().ifPresent(env -> runner.tune(env, reason, true));
    }

    /** Cancels the session running and waiting; gives the running one up to 30 s to put the device back. */
    @Override
    public void close() {
        runner.close();
        thread.close();
    }
}
