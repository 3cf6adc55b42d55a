package org.tunerd.models;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/** Synthetic environments with a known, noise-free relation between them, for transfer tests. */
public final class SyntheticEnvironments {

    /** Cores, CPU and GPU frequency: 80 configurations. */
    public static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
            Option.ordinal("cpu_freq", List.of(345600.0, 729600.0, 1113600.0, 1497600.0, 2035200.0)),
            Option.ordinal("gpu_freq", List.of(140250000.0, 497250000.0, 943500000.0, 1300500000.0))));

    private SyntheticEnvironments() {
    }

    /**
     * A synthetic board running DNN {@code dnn}: latency is {@code work} split between the GPU (share
     * {@code gpuShare}) and the CPU cores, falling with every frequency; energy is power times latency.
     */
    public static MeasurementSet synthetic(String dnn, double work, double gpuShare, ConfigurationSpace space) {
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : space.configurations()) {
            double cpu = c.get("cpu_freq") / 2035200.0;
            double gpu = c.get("gpu_freq") / 1300500000.0;
            double lat = work * (gpuShare / gpu + (1 - gpuShare) / (cpu * Math.sqrt(c.get("cores"))));
            double power = 3 + 2 * gpu * gpu + cpu * c.get("cores");
            ms.add(new Measurement(c, lat, power * lat));
        }
        return new MeasurementSet(new Environment("SIM", dnn, 224, 224), space, ms);
    }
}
