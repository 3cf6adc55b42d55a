package org.tunerd.daemon.service;

import java.util.List;
import java.util.Optional;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.events.EventPublisher;
import org.tunerd.daemon.events.EventType;
import org.tunerd.daemon.tuning.ModelQuality;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
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
    public void started(Environment environment, Optional<Environment> source, List<Environment> extraSources,
                        String strategy, int budget, List<Configuration> plan, boolean resumed) {
        timer = metrics.sessionStarted();
        events.publish(EventType.TUNING_STARTED, EventData.of(
                "environment", EventData.environment(environment),
                "source", source.map(EventData::environment).orElse(null),
                "extraSources", extraSources.stream().map(Environment::id).toList(),
                "coldStart", source.isEmpty(),
                "strategy", strategy,
                "budget", budget,
                "sequential", plan.isEmpty(),
                "resumed", resumed));
    }

    @Override
    public void sampleMeasured(Environment environment, int index, int planned, Measurement measurement) {
        metrics.sampleMeasured();
        events.publish(EventType.SAMPLE_MEASURED, EventData.of(
                "environment", environment.id(), "index", index, "planned", planned,
                "configuration", EventData.configuration(measurement.configuration()),
                "latency", measurement.latency(), "energy", measurement.energy()));
    }

    @Override
    public void modelFitted(Environment environment, ModelQuality quality) {
        events.publish(EventType.MODEL_FITTED, EventData.of(
                "environment", environment.id(), "samples", quality.samples(),
                "latencyCvMape", quality.latencyCvMape(), "energyCvMape", quality.energyCvMape()));
    }

    @Override
    public void reconfigured(Environment environment, Configuration configuration, Performance predicted) {
        metrics.predicted(predicted);
        events.publish(EventType.DEVICE_RECONFIGURED, EventData.of(
                "environment", environment.id(), "configuration", EventData.configuration(configuration),
                "predicted", EventData.performance(predicted), "pinned", false));
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
    public void failed(Environment environment, String reason) {
        metrics.failure();
        ended("failed");
        events.publish(EventType.TUNING_FAILED, EventData.of("environment", environment.id(), "reason", reason,
                "rolledBack", true));
    }

    @Override
    public void cancelled(Environment environment, String reason) {
        ended("cancelled");
        events.publish(EventType.TUNING_CANCELLED, EventData.of("environment", environment.id(), "reason", reason));
    }

    private void ended(String outcome) {
        if (timer != null) {
            timer.ended(outcome);
        }
    }
}
