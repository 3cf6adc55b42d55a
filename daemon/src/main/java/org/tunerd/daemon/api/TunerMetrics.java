package org.tunerd.daemon.api;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.space.Configuration;

/**
 * The daemon's metrics, registered in one Prometheus {@link PrometheusRegistry}: what {@code GET /metrics}
 * shows. The tuning loop calls these as it works; what is read rather than counted (the board's current
 * configuration, the event backlog) is observed through suppliers at scrape time.
 *
 * <p>Energy values are in the unit of the device's data: the energy metrics carry the {@code _joules} suffix
 * only when the device measures joules; otherwise they are named without a unit and their help says which.
 */
public final class TunerMetrics {

    /** Upper bounds of the session-duration buckets, seconds: a simulated session takes seconds, a board's hours. */
    static final double[] SESSION_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400};

    private final PrometheusRegistry registry;
    private final Counter tunings;
    private final Counter samples;
    private final Counter failures;
    private final Counter rejectedConfigs;
    private final Gauge predictedLatency;
    private final Gauge predictedEnergy;
    private final Gauge measuredLatency;
    private final Gauge measuredEnergy;
    private final Histogram sessionDuration;

    /** Metrics in a registry of their own, energy in an unspecified unit. */
    public TunerMetrics() {
        this(new PrometheusRegistry(), EnergyUnit.UNSPECIFIED);
    }

    /** Metrics in {@code registry} of a device whose energy measurements are in {@code energyUnit}. */
    public TunerMetrics(PrometheusRegistry registry, EnergyUnit energyUnit) {
        this.registry = Objects.requireNonNull(registry, "registry");
        String energy = energyUnit.isJoules() ? "energy_joules" : "energy";
        String inUnit = " In " + energyUnit.description() + ".";
        tunings = Counter.builder().name("tunerd_tunings_total").help("Tuning sessions completed.").register(registry);
        samples = Counter.builder().name("tunerd_samples_total").help("Configurations measured on the device.")
                .register(registry);
        failures = Counter.builder().name("tunerd_failures_total")
                .help("Tuning sessions or measurements that failed.").register(registry);
        rejectedConfigs = Counter.builder().name("tunerd_config_rejections_total")
                .help("Configuration files or policy overrides rejected as invalid.").register(registry);
        predictedLatency = unset(Gauge.builder().name("tunerd_predicted_latency_seconds")
                .help("Predicted latency per inference of the current configuration.").register(registry));
        predictedEnergy = unset(Gauge.builder().name("tunerd_predicted_" + energy)
                .help("Predicted energy per inference of the current configuration." + inUnit).register(registry));
        measuredLatency = unset(Gauge.builder().name("tunerd_measured_latency_seconds")
                .help("Last measured latency per inference of the current configuration.").register(registry));
        measuredEnergy = unset(Gauge.builder().name("tunerd_measured_" + energy)
                .help("Last measured energy per inference of the current configuration." + inUnit).register(registry));
        sessionDuration = Histogram.builder().name("tunerd_session_duration_seconds")
                .help("Wall time of tuning sessions, by how they ended (verified, failed, cancelled).")
                .labelNames("outcome").classicOnly().classicUpperBounds(SESSION_BUCKETS).register(registry);
    }

    private static Gauge unset(Gauge g) {
        g.set(Double.NaN); // NaN until known: 0 would read as a real latency or energy
        return g;
    }

    /** The registry these metrics are in; {@code GET /metrics} renders it. */
    public PrometheusRegistry registry() {
        return registry;
    }

    public void tuningCompleted() {
        tunings.inc();
    }

    public void sampleMeasured() {
        samples.inc();
    }

    public void failure() {
        failures.inc();
    }

    public void configRejected() {
        rejectedConfigs.inc();
    }

    /** Records what the model predicts for the configuration now applied. */
    public void predicted(Performance p) {
        predictedLatency.set(p.latency());
        predictedEnergy.set(p.energy());
    }

    /** Records what was last measured in the configuration now applied. */
    public void measured(Performance p) {
        measuredLatency.set(p.latency());
        measuredEnergy.set(p.energy());
    }

    /** Starts timing a tuning session; call {@link SessionTimer#ended} once when it ends. */
    public SessionTimer sessionStarted() {
        return new SessionTimer(sessionDuration, System.nanoTime());
    }

    /** Times one session into the duration histogram. */
    public static final class SessionTimer {
        private final Histogram histogram;
        private final long startNanos;
        private boolean ended;

        private SessionTimer(Histogram histogram, long startNanos) {
            this.histogram = histogram;
            this.startNanos = startNanos;
        }

        /** Observes the session's duration under {@code outcome} (verified, failed, cancelled); later calls are ignored. */
        public synchronized void ended(String outcome) {
            if (!ended) {
                ended = true;
                histogram.labelValues(outcome).observe((System.nanoTime() - startNanos) / 1e9);
            }
        }
    }

    /**
     * Exposes the board's configuration as gauges (cores, CPU/GPU/memory clocks in hertz, other options by
     * name, categorical software options of {@code space} also by label), read from {@code current} at each
     * scrape; empty = unknown, exposed as no sample.
     */
    public void observeConfiguration(Supplier<Optional<Configuration>> current,
                                     org.tunerd.models.space.ConfigurationSpace space) {
        registry.register(new ConfigurationMetrics(current, space));
    }

    /**
     * Exposes the event publisher: events published and dropped, journal bytes and events not yet delivered,
     * events waiting to be journaled, whether delivery fails or is stuck, and delivery errors (failed Kafka
     * sends, each retried).
     */
    public void observeEvents(Supplier<DeliveryStatus> status, LongSupplier deliveryErrors) {
        CounterWithCallback.builder().name("tunerd_events_published_total")
                .help("Events accepted for publishing.")
                .callback(cb -> cb.call(status.get().published())).register(registry);
        CounterWithCallback.builder().name("tunerd_events_dropped_total")
                .help("Events lost before the journal: the in-memory queue was full or the publisher closed.")
                .callback(cb -> cb.call(status.get().dropped())).register(registry);
        GaugeWithCallback.builder().name("tunerd_event_backlog_bytes")
                .help("Bytes of the event journal not yet delivered to Kafka (0 without Kafka).")
                .callback(cb -> cb.call(status.get().undeliveredBytes())).register(registry);
        GaugeWithCallback.builder().name("tunerd_event_backlog_events")
                .help("Events in the journal not yet delivered to Kafka (0 without Kafka).")
                .callback(cb -> cb.call(status.get().undeliveredEvents())).register(registry);
        GaugeWithCallback.builder().name("tunerd_event_delivery_stuck")
                .help("1 while the oldest undelivered event has waited longer than the stuck time (3 minutes), else 0.")
                .callback(cb -> cb.call(status.get().stuck() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("tunerd_event_queue_events")
                .help("Events published but not yet written to the journal.")
                .callback(cb -> {
                    DeliveryStatus s = status.get();
                    cb.call(Math.max(0, s.published() - s.journaled()));
                }).register(registry);
        GaugeWithCallback.builder().name("tunerd_event_delivery_failing")
                .help("1 while event delivery to Kafka fails or its acknowledgements are overdue (events are buffered "
                        + "in the journal), else 0.")
                .callback(cb -> cb.call(status.get().lastError().isPresent() ? 1 : 0)).register(registry);
        CounterWithCallback.builder().name("tunerd_event_delivery_errors_total")
                .help("Failed attempts to deliver events to Kafka (each is retried from the journal).")
                .callback(cb -> cb.call(deliveryErrors.getAsLong())).register(registry);
    }

    /** Adds the JVM and process metrics (memory, GC, threads, CPU time, open files, ...) and tunerd's version. */
    public void includeRuntime(String version) {
        JvmMetrics.builder().register(registry);
        Info.builder().name("tunerd_build_info").help("The running tunerd's version.").labelNames("version")
                .register(registry).addLabelValues(version);
    }
}
