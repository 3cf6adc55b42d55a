package org.tunerd.daemon.api;

import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.data.EnergyUnit;

/**
 * The daemon's standard metrics, registered in one {@link MetricsRegistry}: what {@code GET /metrics}
 * shows. The tuning loop calls these as it works. Energy gauges carry the {@code _joules} suffix only when
 * the device measures joules; otherwise they are named without a unit and their help says which units.
 */
public final class TunerMetrics {

    private final MetricsRegistry registry;
    private final MetricsRegistry.Counter tunings;
    private final MetricsRegistry.Counter samples;
    private final MetricsRegistry.Counter failures;
    private final MetricsRegistry.Counter rejectedConfigs;
    private final MetricsRegistry.Gauge predictedLatency;
    private final MetricsRegistry.Gauge predictedEnergy;
    private final MetricsRegistry.Gauge measuredLatency;
    private final MetricsRegistry.Gauge measuredEnergy;

    /** Metrics of a device measuring energy in joules. */
    public TunerMetrics(MetricsRegistry registry) {
        this(registry, EnergyUnit.JOULES);
    }

    /** Metrics of a device whose energy measurements are in {@code energyUnit}. */
    public TunerMetrics(MetricsRegistry registry, EnergyUnit energyUnit) {
        this.registry = registry;
        String energyName = energyUnit.isJoules() ? "energy_joules" : "energy";
        String inUnit = energyUnit.isJoules() ? "" : " In " + energyUnit.description() + ".";
        tunings = registry.counter("tunerd_tunings_total", "Tuning sessions completed.");
        samples = registry.counter("tunerd_samples_total", "Configurations measured on the device.");
        failures = registry.counter("tunerd_failures_total", "Tuning sessions or measurements that failed.");
        rejectedConfigs = registry.counter("tunerd_config_rejections_total",
                "Configuration files or policy overrides rejected as invalid.");
        predictedLatency = registry.gauge("tunerd_predicted_latency_seconds",
                "Predicted latency of the current configuration.");
        predictedEnergy = registry.gauge("tunerd_predicted_" + energyName,
                "Predicted energy per inference of the current configuration." + inUnit);
        measuredLatency = registry.gauge("tunerd_measured_latency_seconds",
                "Last measured latency of the current configuration.");
        measuredEnergy = registry.gauge("tunerd_measured_" + energyName,
                "Last measured energy per inference of the current configuration." + inUnit);
    }

    public MetricsRegistry registry() {
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
}
