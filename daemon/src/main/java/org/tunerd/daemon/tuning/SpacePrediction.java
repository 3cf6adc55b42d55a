package org.tunerd.daemon.tuning;

import java.util.List;
import org.tunerd.models.optimize.ParetoFront;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * The fitted models' predictions for every allowed configuration of an environment.
 *
 * @param environment    whose predictions these are
 * @param configurations the allowed configurations
 * @param latency        predicted latency per configuration
 * @param energy         predicted energy per configuration (NaN everywhere without a sensor)
 */
public record SpacePrediction(Environment environment, List<Configuration> configurations, double[] latency,
                              double[] energy) {

    public SpacePrediction {
        configurations = List.copyOf(configurations);
        latency = latency.clone();
        energy = energy.clone();
        if (latency.length != configurations.size() || energy.length != configurations.size()) {
            throw new IllegalArgumentException("one prediction per configuration expected");
        }
    }

    @Override
    public double[] latency() {
        return latency.clone();
    }

    @Override
    public double[] energy() {
        return energy.clone();
    }

    public int size() {
        return configurations.size();
    }

    public Performance at(int i) {
        return new Performance(latency[i], energy[i]);
    }

    /** The predicted value of one configuration, or empty if it is not among the allowed ones. */
    public java.util.Optional<Performance> of(Configuration configuration) {
        int i = configurations.indexOf(configuration);
        return i < 0 ? java.util.Optional.empty() : java.util.Optional.of(at(i));
    }

    /** Indices of the predicted latency/energy Pareto front, by increasing latency. */
    public List<Integer> paretoFront() {
        return java.util.Arrays.stream(ParetoFront.indices(latency, energy)).boxed().toList();
    }
}
