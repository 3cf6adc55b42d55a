package org.tunerd.daemon.api;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.SoftwareValues;

/**
 * The board's current configuration as gauges, read once per scrape: the device's standard options in
 * base units ({@code cores}; {@code cpu_freq} in kHz becomes hertz; {@code gpu_freq}, {@code emc_freq} in
 * Hz), any other option as {@code tunerd_configuration_option{option="..."}} (a categorical one by its code, its
 * position in the option's values), and each categorical software option of the device's space also by its
 * label, as {@code tunerd_configuration_software_info{option="precision",value="fp16"} 1}: the code alone
 * changes meaning when the config reorders the option's values.
 */
final class ConfigurationMetrics implements MultiCollector {

    private record Standard(String metric, String help, double scale) {
    }

    private static final Map<String, Standard> STANDARD = Map.of(
            "cores", new Standard("tunerd_cpu_online_cores", "CPU cores online now.", 1),
            "cpu_freq", new Standard("tunerd_cpu_frequency_hertz", "CPU clock now (the policy's frequency).", 1000),
            "gpu_freq", new Standard("tunerd_gpu_frequency_hertz", "GPU clock now.", 1),
            "emc_freq", new Standard("tunerd_emc_frequency_hertz", "Memory controller (EMC) clock now.", 1));
    static final String OTHER = "tunerd_configuration_option";
    static final String SOFTWARE = "tunerd_configuration_software";

    private final Supplier<Optional<Configuration>> current;
    private final ConfigurationSpace space;

    /**
     * @param current the board's configuration now, empty if unknown
     * @param space   the device's space, whose labels name the categorical software values
     */
    ConfigurationMetrics(Supplier<Optional<Configuration>> current, ConfigurationSpace space) {
        this.current = Objects.requireNonNull(current, "current");
        this.space = Objects.requireNonNull(space, "space");
    }

    @Override
    public MetricSnapshots collect() {
        Optional<Configuration> configuration;
        try {
            configuration = current.get();
        } catch (RuntimeException e) {
            configuration = Optional.empty(); // a board that cannot be read shows no configuration, not a failed scrape
        }
        if (configuration.isEmpty()) {
            return new MetricSnapshots();
        }
        List<GaugeSnapshot> out = new ArrayList<>();
        GaugeSnapshot.Builder others = GaugeSnapshot.builder().name(OTHER)
                .help("Other options of the current configuration, in the device's own unit.");
        boolean anyOther = false;
        for (Map.Entry<String, Double> e : configuration.get().values().entrySet()) {
            Standard s = STANDARD.get(e.getKey());
            if (s != null) {
                out.add(GaugeSnapshot.builder().name(s.metric()).help(s.help())
                        .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(e.getValue() * s.scale()).build())
                        .build());
            } else {
                anyOther = true;
                others.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("option", e.getKey())).value(e.getValue()).build());
            }
        }
        if (anyOther) {
            out.add(others.build());
        }
        InfoSnapshot.Builder labels = InfoSnapshot.builder().name(SOFTWARE)
                .help("Categorical software options of the current configuration, by label.");
        boolean anyLabel = false;
        for (Map.Entry<String, Object> e : SoftwareValues.of(space, configuration.get()).entrySet()) {
            if (e.getValue() instanceof String label) {
                anyLabel = true;
                labels.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("option", e.getKey(), "value", label)).build());
            }
        }
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> all = new ArrayList<>(out);
        if (anyLabel) {
            all.add(labels.build());
        }
        return new MetricSnapshots(all);
    }

    @Override
    public List<String> getPrometheusNames() {
        List<String> names = new ArrayList<>();
        STANDARD.values().forEach(s -> names.add(s.metric()));
        names.add(OTHER);
        names.add(SOFTWARE);
        return names;
    }
}
