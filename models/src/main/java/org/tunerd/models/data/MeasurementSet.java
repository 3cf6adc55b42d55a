package org.tunerd.models.data;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Measurements of one environment over (part of) a configuration space. Immutable.
 *
 * <p>A set need not cover its space: a target may be a random sample of a larger space. Each measured
 * configuration appears once and lies in the space.
 */
public final class MeasurementSet {

    private final Environment environment;
    private final ConfigurationSpace space;
    private final List<Measurement> measurements;
    private final Map<Configuration, Measurement> byConfiguration;

    public MeasurementSet(Environment environment, ConfigurationSpace space, List<Measurement> measurements) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.space = Objects.requireNonNull(space, "space");
        this.measurements = List.copyOf(measurements);
        this.byConfiguration = new HashMap<>(this.measurements.size() * 2);
        for (Measurement m : this.measurements) {
            if (byConfiguration.put(m.configuration(), m) != null) {
                throw new IllegalArgumentException(environment + ": configuration measured twice: " + m.configuration());
            }
            space.violation(m.configuration()).ifPresent(why -> {
                throw new IllegalArgumentException(environment + ": measurement outside the space: "
                        + m.configuration() + ": " + why);
            });
        }
    }

    public Environment environment() {
        return environment;
    }

    public ConfigurationSpace space() {
        return space;
    }

    public List<Measurement> measurements() {
        return measurements;
    }

    public int size() {
        return measurements.size();
    }

    public Measurement get(int i) {
        return measurements.get(i);
    }

    /** The measurement of {@code configuration}, if it was measured. */
    public Optional<Measurement> find(Configuration configuration) {
        return Optional.ofNullable(byConfiguration.get(configuration));
    }

    /** The metric's value for every measurement, in order. */
    public double[] values(Metric metric) {
        return measurements.stream().mapToDouble(m -> m.value(metric)).toArray();
    }

    public List<Configuration> configurations() {
        return measurements.stream().map(Measurement::configuration).toList();
    }

    /** The measurement with the lowest value of {@code metric}. */
    public Measurement best(Metric metric) {
        return measurements.stream().min(Comparator.comparingDouble(m -> m.value(metric)))
                .orElseThrow(() -> new IllegalStateException(environment + ": no measurements"));
    }

    /** True if every configuration of the space was measured. */
    public boolean isComplete() {
        return size() == space.size();
    }

    /** The same environment and space with only the given measurements. */
    public MeasurementSet withMeasurements(List<Measurement> subset) {
        return new MeasurementSet(environment, space, subset);
    }

    @Override
    public String toString() {
        return "MeasurementSet[" + environment + ", " + size() + " of " + space.size() + " configurations]";
    }
}
