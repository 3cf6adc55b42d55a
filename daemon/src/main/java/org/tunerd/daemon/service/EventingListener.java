package org.tunerd.daemon.service;

import java.util.Locale;
import java.util.Optional;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.tuning.ModelQuality;
import org.tunerd.daemon.tuning.ModelsFitted;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.PhaseChange;
import org.tunerd.daemon.tuning.Reconfiguration;
import org.tunerd.daemon.tuning.SampleTaken;
import org.tunerd.daemon.tuning.SessionCancellation;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionPhase;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;

/**
 * Publishes every step of one tuning session as an event and counts it in the metrics. One instance per
 * session: it remembers the session's phase (named in {@code tuning.failed}) and whether the session
 * reported its end, so the runner can report a failure the session itself never saw.
 */
final class EventingListener implements TuningListener {

    private final EventPublisher events;
    private final TunerMetrics metrics;
    private final ConfigurationSpace space;
    private SessionPhase phase = SessionPhase.CHOOSING_SOURCES;
    private boolean ended;
    private TunerMetrics.SessionTimer timer;

    /** @param space the device's space, which types the software option values of configurations */
    EventingListener(EventPublisher events, TunerMetrics metrics, ConfigurationSpace space) {
        this.events = events;
        this.metrics = metrics;
        this.space = space;
    }

    /** The wire name of a phase: {@code choosing_sources}, {@code measuring}, ... */
    static String phaseName(SessionPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void phaseChanged(PhaseChange change) {
        phase = change.phase();
    }

    @Override
    public void started(SessionStart start) {
        timer = metrics.sessionStarted();
        events.publish(new EventPayload.TuningStarted(start.environment(), start.source(),
                start.extraSources().stream().map(Environment::id).toList(), start.coldStart(), start.strategy(),
                start.budget(), start.sequential(), start.resumed()));
    }

    @Override
    public void sampleMeasured(SampleTaken sample) {
        metrics.sampleMeasured();
        Measurement m = sample.measurement();
        events.publish(new EventPayload.SampleMeasured(sample.environment().id(), sample.index(), sample.planned(),
                m.configuration(), m.latency(), m.energy(), SoftwareValues.of(space, m.configuration())));
    }

    @Override
    public void modelsFitted(ModelsFitted fitted) {
        ModelQuality quality = fitted.quality();
        events.publish(new EventPayload.ModelFitted(fitted.environment().id(), quality.samples(),
                quality.latencyCvMape(), quality.energyCvMape()));
    }

    @Override
    public void reconfigured(Reconfiguration reconfiguration) {
        metrics.predicted(reconfiguration.predicted());
        events.publish(new EventPayload.DeviceReconfigured(Optional.of(reconfiguration.environment().id()),
                reconfiguration.configuration(), Optional.of(reconfiguration.predicted()), false,
                SoftwareValues.of(space, reconfiguration.configuration())));
    }

    @Override
    public void finished(TuningOutcome outcome) {
        ended = true;
        Performance measured = new Performance(outcome.verified().latency(), outcome.verified().energy());
        metrics.tuningCompleted();
        timeEnd("verified");
        metrics.measured(measured);
        events.publish(new EventPayload.TuningVerified(outcome.environment().id(), outcome.applied(),
                outcome.predicted(), measured, outcome.measurementsUsed(), outcome.verifications(), outcome.reason(),
                SoftwareValues.of(space, outcome.applied())));
    }

    /** The session failed and rolled the device back. */
    @Override
    public void failed(SessionFailure failure) {
        ended = true;
        metrics.failure();
        timeEnd("failed");
        events.publish(new EventPayload.TuningFailed(failure.environment().id(), phaseName(phase), failure.reason(),
                true));
    }

    /** The session was cancelled and rolled the device back. */
    @Override
    public void cancelled(SessionCancellation cancellation) {
        ended = true;
        timeEnd("cancelled");
        events.publish(new EventPayload.TuningCancelled(cancellation.environment().id(), cancellation.reason()));
    }

    /**
     * A failure outside the session's own handling: before it started (choosing sources, an invalid request)
     * or after it finished (storing the result). The session did not roll the device back: before, it had not
     * touched it; after, the device is in the verified configuration.
     */
    void failedOutsideTheSession(SessionFailure failure) {
        ended = true;
        metrics.failure();
        timeEnd("failed");
        events.publish(new EventPayload.TuningFailed(failure.environment().id(), phaseName(phase), failure.reason(),
                false));
    }

    /** Observes the session's duration, if it started, under {@code outcome}; only the first end counts. */
    private void timeEnd(String outcome) {
        if (timer != null) {
            timer.ended(outcome);
        }
    }

    /** True once the session's end (finished, failed or cancelled) was reported. */
    boolean ended() {
        return ended;
    }
}
