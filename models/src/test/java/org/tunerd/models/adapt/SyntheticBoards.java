package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/**
 * A small TX2-like space (80 configurations) and boards measured on part of it with an analytic latency (a GPU
 * share and a CPU share of the work) and power, with 2 % lognormal noise: the fixtures of the tests that compare
 * the models' shortcuts with the long way.
 */
final class SyntheticBoards {

    static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)),
            Option.ordinal("cpu_freq", List.of(345600.0, 806400.0, 1267200.0, 1728000.0, 2035200.0)),
            Option.ordinal("gpu_freq", List.of(140250000.0, 420750000.0, 828750000.0, 1300500000.0))));

    private SyntheticBoards() {
    }

    /** A board measured on {@code rows} random configurations (so that a smoother fills in the others). */
    static MeasurementSet board(String dnn, double work, double gpuShare, int rows, long seed) {
        return board(dnn, work, gpuShare, rows, seed, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #board(String, double, double, int, long)}, among the configurations with a GPU frequency of at
     * most {@code maxGpu}.
     */
    static MeasurementSet board(String dnn, double work, double gpuShare, int rows, long seed, double maxGpu) {
        List<Configuration> all = new ArrayList<>(SPACE.configurations());
        all.removeIf(c -> c.get("gpu_freq") > maxGpu);
        Collections.shuffle(all, new Random(seed));
        Random noise = new Random(seed);
        List<Measurement> ms = new ArrayList<>();
        for (Configuration c : all.subList(0, rows)) {
            double cpu = c.get("cpu_freq") / 2035200.0;
            double gpu = c.get("gpu_freq") / 1300500000.0;
            double latency = work * (gpuShare / gpu + (1 - gpuShare) / (cpu * Math.sqrt(c.get("cores"))))
                    * Math.exp(0.02 * noise.nextGaussian());
            double power = 3 + 2 * gpu * gpu + cpu * c.get("cores");
            ms.add(new Measurement(c, latency, power * latency));
        }
        return new MeasurementSet(new Environment("SIM", dnn, 224, 224), SPACE, ms);
    }
}
