package org.tunerd.daemon.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.daemon.tuning.CancellationToken;
import org.tunerd.daemon.tuning.PhaseChange;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionPhase;
import org.tunerd.daemon.tuning.SourceCache;
import org.tunerd.daemon.tuning.SpacePrediction;
import org.tunerd.daemon.tuning.TuningCancelledException;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.daemon.tuning.TuningSession;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;

/**
 * Runs tuning sessions, one at a time on the {@link TuningThread}. A request for a session cancels the one
 * running and replaces the one waiting: however many retunes arrive while a session runs, at most one
 * waits, and a retune replaced before it started is only logged (no events). Each session is prepared
 * ({@link SessionRequests}), checkpointed after every measurement ({@link SessionCheckpointer}), published
 * as events ({@link EventingListener}), and its result stored as a future source ({@link ModelArchive});
 * its phases and progress go to the {@link TunerStatus}. Every session that fails publishes
 * {@code tuning.failed}, also when it fails before the session itself runs (choosing sources, an invalid
 * request) or after (storing its result).
 *
 * <p>About 250 lines: the queue of at most one waiting session, cancellation and the failure paths before,
 * during and after a session share one lock and one notion of "the session in progress"; the steps
 * themselves are the classes named above.
 */
final class SessionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRunner.class);

    /** A session asked for and not started yet. */
    private record Pending(Environment environment, String reason, boolean reuseStored,
                           CompletableFuture<Optional<TuningOutcome>> result) {
    }

    private final Device device;
    private final SessionRequests requests;
    private final SessionStore sessions;
    private final ModelArchive archive;
    private final SourceCache sourceModels;
    private final EventPublisher events;
    private final TunerMetrics metrics;
    private final TuningListener observer;
    private final TunerStatus status;
    private final Supplier<TunerConfig> config;
    private final Function<Environment, String> origins;
    private final Clock clock;
    private final ConfigurationSpace space;
    private final TuningThread.Slot<Boolean> sessionSlot;
    private final Cache<String, SpacePrediction> predictions = Caffeine.newBuilder().maximumSize(64).build();
    private final List<Consumer<StoredModel>> storedListeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Pending pending; // guarded by lock
    private CancellationToken running; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param observer a further listener of every session (e.g. {@code tunerd simulate}'s printer); may be a no-op
     * @param origins  who announced an environment ({@code startup}, {@code http}, {@code kafka}, ...), named by
     *                 its checkpoint
     */
    SessionRunner(Device device, SessionRequests requests, SessionStore sessions, ModelArchive archive,
                  SourceCache sourceModels, EventPublisher events, TunerMetrics metrics, TuningListener observer, TunerStatus status,
                  Supplier<TunerConfig> config, Function<Environment, String> origins, TuningThread thread, Clock clock) {
        this.origins = origins;
        this.device = device;
        this.requests = requests;
        this.sessions = sessions;
        this.archive = archive;
        this.sourceModels = sourceModels;
        this.events = events;
        this.metrics = metrics;
        this.observer = observer;
        this.status = status;
        this.config = config;
        this.clock = clock;
        this.space = device.describe().space();
        this.sessionSlot = thread.slot("tuning session");
    }

    /**
     * Asks for a session for {@code environment}: cancels the running one, replaces the waiting one. While a
     * configuration is pinned nothing is tuned. The future completes with the outcome, or empty if the
     * session was pinned away, replaced, cancelled or failed.
     *
     * @param reuseStored false: measure afresh and replace the stored measurements
     */
    CompletableFuture<Optional<TuningOutcome>> tune(Environment environment, String reason, boolean reuseStored) {
        Pending next = new Pending(environment, reason, reuseStored, new CompletableFuture<>());
        synchronized (lock) {
            if (closed || status.get().pinned().isPresent()) {
                LOG.info("not tuning {} ({}): {}", environment, reason, closed ? "stopping"
                        : "configuration pinned to " + SoftwareValues.text(space, status.get().pinned().get()));
                return CompletableFuture.completedFuture(Optional.empty());
            }
            if (pending != null) {
                LOG.info("retune of {} ({}) replaced before it started by: {}", pending.environment(), pending.reason(),
                        reason);
                pending.result().complete(Optional.empty());
            }
            pending = next;
            if (running != null) {
                running.cancel("superseded: " + reason);
            }
        }
        LOG.info("tuning {}: {}", environment, reason);
        sessionSlot.submit(this::runPending);
        return next.result();
    }

    /** Cancels the running session and drops the waiting one (a pin, the daemon stopping). */
    void cancelAll(String reason) {
        synchronized (lock) {
            if (pending != null) {
                pending.result().complete(Optional.empty());
                pending = null;
            }
            if (running != null) {
                running.cancel(reason);
            }
        }
    }

    /** True while a session runs or waits to run. */
    boolean busy() {
        synchronized (lock) {
            return pending != null || running != null;
        }
    }

    /** Whole-space predictions of the last session for {@code environmentId}, while cached. */
    Optional<SpacePrediction> prediction(String environmentId) {
        return Optional.ofNullable(predictions.getIfPresent(environmentId));
    }

    /** Calls {@code listener} with every environment stored after a session (fleet sharing). */
    void onStored(Consumer<StoredModel> listener) {
        storedListeners.add(listener);
    }

    /** Cancels what runs and waits, and accepts no more sessions. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
        cancelAll("daemon stopping");
    }

    private boolean runPending() {
        Pending p;
        CancellationToken token = new CancellationToken();
        synchronized (lock) {
            p = pending;
            pending = null;
            if (p == null) {
                return false;
            }
            running = token;
        }
        try {
            p.result().complete(run(p, token));
        } finally {
            synchronized (lock) {
                if (running == token) {
                    running = null;
                }
            }
            status.update(TunerState::idle);
            p.result().complete(Optional.empty()); // no-op unless run() threw an Error
        }
        return true;
    }

    private Optional<TuningOutcome> run(Pending p, CancellationToken token) {
        Environment environment = p.environment();
        status.update(s -> s.inPhase(SessionPhase.CHOOSING_SOURCES, environment));
        EventingListener eventing = new EventingListener(events, metrics, space);
        try {
            SessionRequests.Prepared prepared = requests.prepare(environment, p.reuseStored(), config.get());
            token.check(); // replaced while choosing sources: it never started, so nothing is reported
            SessionCheckpointer checkpointer = new SessionCheckpointer(sessions, space, prepared.settings(),
                    prepared.resumed(), origins.apply(environment), prepared.interrupted(), events, clock,
                    cp -> status.update(s -> s.withProgress(cp)));
            TuningListener listener = new Listeners(List.of(phases(environment), checkpointer, eventing, observer));
            TuningOutcome outcome = newSession(prepared, listener, token).run();
            keep(outcome, prepared, eventing);
            return Optional.of(outcome);
        } catch (TuningCancelledException e) {
            LOG.info("session for {} cancelled: {}", environment, e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("session for {} failed: {}", environment, e.getMessage(), e);
            SessionFailure failure = new SessionFailure(environment, e.getMessage());
            status.update(s -> s.failed(failure.reason()));
            if (!eventing.ended()) {
                eventing.failedOutsideTheSession(failure);
                observer.failed(failure);
            }
            return Optional.empty();
        }
    }

    /**
     * The one place a session object is made from a prepared request: its sources share the fitted source
     * models cached for their stored environments.
     */
    private TuningSession newSession(SessionRequests.Prepared prepared, TuningListener listener,
                                     CancellationToken token) {
        return new TuningSession(device, prepared.request(), sourceModels.sources(prepared.sources()), listener,
                token);
    }

    /**
     * Keeps a finished session's result: predictions, status, and the environment in the store; then removes the
     * session's checkpoint, which held its measurements until the store did.
     */
    private void keep(TuningOutcome outcome, SessionRequests.Prepared prepared, EventingListener eventing) {
        predictions.put(outcome.environment().id(), outcome.prediction());
        status.update(s -> s.succeeded(outcome, clock.instant()));
        StoredModel stored;
        try {
            stored = archive.store(outcome, prepared.known(), space, prepared.settings());
        } catch (RuntimeException e) {
            String reason = "the tuned environment could not be stored as a source: " + e.getMessage();
            LOG.error("session for {}: {}", outcome.environment(), reason, e);
            status.update(s -> s.failed(reason));
            eventing.failedOutsideTheSession(new SessionFailure(outcome.environment(), reason));
            return; // the checkpoint stays: a restart resumes the session with its measurements
        }
        sessions.clear(outcome.environment()); // only now: until the store holds the measurements, the checkpoint does
        for (Consumer<StoredModel> l : storedListeners) {
            try {
                l.accept(stored);
            } catch (RuntimeException e) {
                LOG.error("a listener of stored environments failed on {}", stored.id(), e);
            }
        }
    }

    /** Follows the session's phases in the status. */
    private TuningListener phases(Environment environment) {
        return new TuningListener() {
            @Override
            public void phaseChanged(PhaseChange change) {
                status.update(s -> s.inPhase(change.phase(), environment));
            }
        };
    }
}
