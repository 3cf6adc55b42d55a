package org.tunerd.daemon.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.tuning.SampleTaken;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Persists the session in progress after every measurement (the checkpoint of its environment), so a restart
 * resumes it instead of measuring again, and hands each checkpoint to {@code progress} (the status shows it). It
 * does not clear the checkpoint when the session finishes: {@link SessionRunner} does, once the result is stored,
 * so the measurements are on disk at every moment (a crash in between resumes the session instead of losing
 * them). A session that continues an interrupted one keeps its id and start and notes when the interrupted
 * checkpoint was written ({@link SessionCheckpoint#resumedFrom()}); it says so in the log and as
 * {@code tuning.resumed} (before the session's {@code tuning.started}), with who announced the environment.
 */
final class SessionCheckpointer implements TuningListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCheckpointer.class);

    private final SessionStore sessions;
    private final ConfigurationSpace space;
    private final Map<String, String> settings;
    private final List<Measurement> resumed;
    private final String origin;
    private final Optional<SessionCheckpoint> interrupted;
    private final EventPublisher events;
    private final Clock clock;
    private final Consumer<SessionCheckpoint> progress;
    private SessionCheckpoint checkpoint;

    SessionCheckpointer(SessionStore sessions, ConfigurationSpace space, Map<String, String> settings,
                        List<Measurement> resumed, String origin, Optional<SessionCheckpoint> interrupted,
                        EventPublisher events, Clock clock, Consumer<SessionCheckpoint> progress) {
        this.events = events;
        this.origin = origin;
        this.interrupted = interrupted;
        this.sessions = sessions;
        this.space = space;
        this.settings = settings;
        this.resumed = resumed;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public void started(SessionStart start) {
        interrupted.ifPresent(this::resuming);
        checkpoint = new SessionCheckpoint(
                interrupted.map(SessionCheckpoint::sessionId).orElseGet(() -> UUID.randomUUID().toString()),
                start.environment(), origin, space,
                start.source().map(Environment::id), start.extraSources().stream().map(Environment::id).toList(),
                settings, start.plan(), resumed, interrupted.map(SessionCheckpoint::started).orElseGet(clock::instant),
                clock.instant(), interrupted.map(SessionCheckpoint::updated));
        sessions.save(checkpoint);
        progress.accept(checkpoint);
    }

    private void resuming(SessionCheckpoint cp) {
        String announcedBy = "unknown".equals(cp.origin()) ? origin : cp.origin();
        LOG.info("resuming session {} for {} (announced by {}) with {} measurements from its checkpoint of {}",
                cp.sessionId(), cp.environment(), announcedBy, cp.measured().size(), cp.updated());
        events.publish(new EventPayload.TuningResumed(cp.environment().id(), cp.sessionId(), announcedBy,
                cp.measured().size(), cp.updated().toString()));
    }

    @Override
    public void sampleMeasured(SampleTaken sample) {
        checkpoint = checkpoint.withMeasurement(sample.measurement(), clock.instant());
        sessions.save(checkpoint);
        progress.accept(checkpoint);
    }

}
