package org.tunerd.models.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;

/**
 * Measurements of one environment over (part of) a configuration space, in a stated energy unit. Immutable.
 *
 * <p>A set need not cover its space: a target may be a random sample of a larger space. Each measured
 * configuration lies in the space and has one {@link #measurements() measurement}: what the models see.
 * A set built from repeated runs ({@link #ofRuns}) keeps every run; its measurement of a configuration is
 * then the per-metric median of the runs, and {@link #repetitions(Configuration)} gives the runs and their
 * spread.
 */
public final class MeasurementSet {

    private final Environment environment;
    private final ConfigurationSpace space;
    private final List<Measurement> measurements;
    private final Map<Configuration, Measurement> byConfiguration;
    private final Map<Configuration, Repetitions> repetitions;
    private final EnergyUnit energyUnit;

    /** One measurement per configuration, in an {@link EnergyUnit#UNSPECIFIED unspecified} energy unit. */
    public MeasurementSet(Environment environment, ConfigurationSpace space, List<Measurement> measurements) {
        this(environment, space, measurements, EnergyUnit.UNSPECIFIED);
    }

    /**
     * One measurement per configuration.
     *
     * @throws IllegalArgumentException if a configuration is measured twice or lies outside the space
     */
    public MeasurementSet(Environment environment, ConfigurationSpace space, List<Measurement> measurements,
                          EnergyUnit energyUnit) {
        this(environment, space, measurements, Map.of(), energyUnit);
    }

    private MeasurementSet(Environment environment, ConfigurationSpace space, List<Measurement> measurements,
                           Map<Configuration, Repetitions> repetitions, EnergyUnit energyUnit) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.space = Objects.requireNonNull(space, "space");
        this.energyUnit = Objects.requireNonNull(energyUnit, "energyUnit");
        this.measurements = List.copyOf(measurements);
        this.repetitions = repetitions;
        this.byConfiguration = new HashMap<>(this.measurements.size() * 2);
        for (Measurement m : this.measurements) {
            if (byConfiguration.put(m.configuration(), m) != null) {
                throw new IllegalArgumentException(environment + ": configuration measured twice: "
                        + SoftwareValues.text(space, m.configuration()));
            }
            space.violation(m.configuration()).ifPresent(why -> {
                throw new IllegalArgumentException(environment + ": measurement outside the space: "
                        + SoftwareValues.text(space, m.configuration()) + ": " + why);
            });
        }
    }

    /**
     * A set of repeated runs, in the order measured: a configuration may appear any number of times. Its
     * {@link #measurements()} are the per-configuration medians, in the order of each configuration's
     * first run.
     *
     * @throws IllegalArgumentException if a run lies outside the space
     */
    public static MeasurementSet ofRuns(Environment environment, ConfigurationSpace space, List<Measurement> runs,
                                        EnergyUnit energyUnit) {
        Map<Configuration, List<Measurement>> grouped = new LinkedHashMap<>();
        for (Measurement run : runs) {
            grouped.computeIfAbsent(run.configuration(), k -> new ArrayList<>()).add(run);
        }
        Map<Configuration, Repetitions> reps = new LinkedHashMap<>();
        List<Measurement> medians = new ArrayList<>(grouped.size());
        grouped.forEach((c, list) -> {
            Repetitions r = new Repetitions(c, list);
            reps.put(c, r);
            medians.add(r.median());
        });
        return new MeasurementSet(environment, space, medians, Map.copyOf(reps), energyUnit);
    }

    public Environment environment() {
        return environment;
    }

    public ConfigurationSpace space() {
        return space;
    }

    /** The unit of every energy value of this set. */
    public EnergyUnit energyUnit() {
        return energyUnit;
    }

    /** One measurement per measured configuration (the median of its runs when runs were repeated). */
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

    /**
     * Every recorded run of {@code configuration} in the order measured (its one measurement when runs were
     * not repeated); empty if it was not measured.
     */
    public Optional<Repetitions> repetitions(Configuration configuration) {
        Repetitions r = repetitions.get(configuration);
        if (r != null) {
            return Optional.of(r);
        }
        return find(configuration).map(m -> new Repetitions(configuration, List.of(m)));
    }

    /** Number of recorded runs over all configurations ({@link #size()} when none was repeated). */
    public int runCount() {
        return repetitions.isEmpty() ? size() : repetitions.values().stream().mapToInt(Repetitions::count).sum();
    }

    /** The largest number of runs of one configuration (1 when none was repeated). */
    public int maxRuns() {
        return repetitions.values().stream().mapToInt(Repetitions::count).max().orElse(size() == 0 ? 0 : 1);
    }

    /**
     * The median over repeated configurations of the coefficient of variation of {@code metric} between their
     * runs: the set's measurement noise. NaN when no configuration was measured more than once.
     */
    public double repeatability(Metric metric) {
        double[] cv = repetitions.values().stream().filter(r -> r.count() > 1)
                .mapToDouble(r -> r.coefficientOfVariation(metric)).filter(x -> !Double.isNaN(x)).sorted().toArray();
        return cv.length == 0 ? Double.NaN : Repetitions.median(Arrays.copyOf(cv, cv.length));
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

    /**
     * The same environment, space and energy unit with only the given measurements, one run each (the
     * repetitions of this set are not carried over).
     */
    public MeasurementSet withMeasurements(List<Measurement> subset) {
        return new MeasurementSet(environment, space, subset, energyUnit);
    }

    /** This set with its energy values declared to be in {@code unit} (the values do not change). */
    public MeasurementSet withEnergyUnit(EnergyUnit unit) {
        return new MeasurementSet(environment, space, measurements, repetitions, unit);
    }

    @Override
    public String toString() {
        return "MeasurementSet[" + environment + ", " + size() + " of " + space.size() + " configurations"
                + (repetitions.isEmpty() ? "" : ", " + runCount() + " runs") + "]";
    }
}
