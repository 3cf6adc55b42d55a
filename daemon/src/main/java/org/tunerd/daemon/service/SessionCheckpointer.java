package org.tunerd.daemon.service;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.daemon.tuning.SampleTaken;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Persists the session in progress after every measurement, so a restart resumes it instead of
 * measuring again, and hands each checkpoint to {@code progress} (the status shows it). It does not clear the
 * checkpoint when the session finishes: {@link SessionRunner} does, once the result is stored, so the
 * measurements are on disk at every moment (a crash in between resumes the session instead of losing them).
 */
final class SessionCheckpointer implements TuningListener {

    private final SessionStore sessions;
    private final ConfigurationSpace space;
    private final Map<String, String> settings;
    private final List<Measurement> resumed;
    private final Clock clock;
    private final Consumer<SessionCheckpoint> progress;
    private SessionCheckpoint checkpoint;

    SessionCheckpointer(SessionStore sessions, ConfigurationSpace space, Map<String, String> settings,
                        List<Measurement> resumed, Clock clock, Consumer<SessionCheckpoint> progress) {
        this.sessions = sessions;
        this.space = space;
        this.settings = settings;
        this.resumed = resumed;
        this.clock = clock;
        this.progress = progress;
    }

    @Override
    public void started(SessionStart start) {
        checkpoint = new SessionCheckpoint(UUID.randomUUID().toString(), start.environment(), space,
                start.source().map(Environment::id), start.extraSources().stream().map(Environment::id).toList(),
                settings, start.plan(), resumed, clock.instant(), clock.instant());
        sessions.save(checkpoint);
        progress.accept(checkpoint);
    }

    @Override
    public void sampleMeasured(SampleTaken sample) {
        checkpoint = checkpoint.withMeasurement(sample.measurement(), clock.instant());
        sessions.save(checkpoint);
        progress.accept(checkpoint);
    }

}
