package org.tunerd.daemon.service;

import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.tuning.ModelQuality;
import org.tunerd.daemon.tuning.ModelsFitted;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.Reconfiguration;
import org.tunerd.daemon.tuning.SampleTaken;
import org.tunerd.daemon.tuning.SessionCancellation;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Environment;

/** Publishes every step of a tuning session as an event and counts it in the metrics. */
final class EventingListener implements TuningListener {

    private final EventPublisher events;
    private final TunerMetrics metrics;
    private TunerMetrics.SessionTimer timer;

    EventingListener(EventPublisher events, TunerMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    @Override
    public void started(SessionStart start) {
        timer = metrics.sessionStarted();
        events.publish(EventType.TUNING_STARTED, EventData.of(
                "environment", EventData.environment(start.environment()),
                "source", start.source().map(EventData::environment).orElse(null),
                "extraSources", start.extraSources().stream().map(Environment::id).toList(),
                "coldStart", start.coldStart(),
                "strategy", start.strategy(),
                "budget", start.budget(),
                "sequential", start.sequential(),
                "resumed", start.resumed()));
    }

    @Override
    public void sampleMeasured(SampleTaken sample) {
        metrics.sampleMeasured();
        Measurement measurement = sample.measurement();
        events.publish(EventType.SAMPLE_MEASURED, EventData.of(
                "environment", sample.environment().id(), "index", sample.index(), "planned", sample.planned(),
                "configuration", EventData.configuration(measurement.configuration()),
                "latency", measurement.latency(), "energy", measurement.energy()));
    }

    @Override
    public void modelsFitted(ModelsFitted fitted) {
        ModelQuality quality = fitted.quality();
        events.publish(EventType.MODEL_FITTED, EventData.of(
                "environment", fitted.environment().id(), "samples", quality.samples(),
                "latencyCvMape", quality.latencyCvMape(), "energyCvMape", quality.energyCvMape()));
    }

    @Override
    public void reconfigured(Reconfiguration reconfiguration) {
        metrics.predicted(reconfiguration.predicted());
        events.publish(EventType.DEVICE_RECONFIGURED, EventData.of(
                "environment", reconfiguration.environment().id(),
                "configuration", EventData.configuration(reconfiguration.configuration()),
                "predicted", EventData.performance(reconfiguration.predicted()), "pinned", false));
    }

    @Override
    public void finished(TuningOutcome outcome) {
        metrics.tuningCompleted();
        ended("verified");
        metrics.measured(new Performance(outcome.verified().latency(), outcome.verified().energy()));
        events.publish(EventType.TUNING_VERIFIED, EventData.of(
                "environment", outcome.environment().id(),
                "configuration", EventData.configuration(outcome.applied()),
                "predicted", EventData.performance(outcome.predicted()),
                "measured", EventData.performance(new Performance(outcome.verified().latency(), outcome.verified().energy())),
                "measurements", outcome.measurementsUsed(),
                "reason", outcome.reason()));
    }

    @Override
    public void failed(SessionFailure failure) {
        metrics.failure();
        ended("failed");
        events.publish(EventType.TUNING_FAILED, EventData.of("environment", failure.environment().id(),
                "reason", failure.reason(), "rolledBack", true));
    }

    @Override
    public void cancelled(SessionCancellation cancellation) {
        ended("cancelled");
        events.publish(EventType.TUNING_CANCELLED, EventData.of("environment", cancellation.environment().id(),
                "reason", cancellation.reason()));
    }

    private void ended(String outcome) {
        if (timer != null) {
            timer.ended(outcome);
        }
    }
}
