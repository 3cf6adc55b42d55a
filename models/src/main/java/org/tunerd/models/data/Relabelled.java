package org.tunerd.models.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.LabelMapping;

/**
 * Measurements recorded in one space re-expressed in another's categorical codes ({@link LabelMapping}): a
 * stored model or checkpoint measured with {@code precision: [fp32, fp16]} presented to a device that declares
 * {@code [fp16, fp32]}. A measurement whose label the other space lacks is left out and counted in {@link
 * #dropped}, so that callers can say so.
 *
 * @param <T>             a {@link MeasurementSet} or a list of measurements
 * @param value           the re-expressed measurements (the input itself when nothing needed re-expressing)
 * @param remappedOptions the categorical options whose codes were re-expressed, empty when none was
 * @param dropped         {@code option=label} (e.g. {@code precision=int8}) to the number of measurements left out
 *                        because the other space does not offer that label, in the order first met
 */
public record Relabelled<T>(T value, List<String> remappedOptions, Map<String, Integer> dropped) {

    public Relabelled {
        Objects.requireNonNull(value, "value");
        remappedOptions = List.copyOf(remappedOptions);
        dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    /** True if some option's codes were re-expressed (measurements may have been left out). */
    public boolean remapped() {
        return !remappedOptions.isEmpty();
    }

    /** Number of measurements left out. */
    public int droppedCount() {
        return dropped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * {@code set} in {@code target}'s codes: the set's space takes {@code target}'s codes and labels for the
     * categorical options both have ({@link LabelMapping#space}); every run of a repeated configuration is kept.
     * {@code set} itself when the labels agree.
     *
     * @throws IllegalArgumentException if a remapped option would be left with no label in common
     */
    public static Relabelled<MeasurementSet> of(MeasurementSet set, ConfigurationSpace target) {
        LabelMapping mapping = LabelMapping.between(set.space(), target);
        if (mapping.isIdentity()) {
            return new Relabelled<>(set, List.of(), Map.of());
        }
        Map<String, Integer> dropped = new LinkedHashMap<>();
        List<Measurement> runs = new ArrayList<>(set.runCount());
        for (Configuration c : set.configurations()) {
            Optional<Configuration> mapped = mapping.apply(c);
            if (mapped.isEmpty()) {
                dropped.merge(mapping.missingLabel(c).orElseThrow(), 1, Integer::sum);
                continue;
            }
            set.repetitions(c).orElseThrow().runs()
                    .forEach(m -> runs.add(new Measurement(mapped.get(), m.latency(), m.energy())));
        }
        // a listed space keeps its listed configurations whose labels remain; a product's options say it all
        List<Configuration> listed = new ArrayList<>();
        if (set.space().isListed()) {
            for (Configuration c : set.space().configurations()) {
                mapping.apply(c).ifPresent(listed::add);
            }
        }
        ConfigurationSpace space = mapping.space(listed);
        MeasurementSet out = set.runCount() == set.size()
                ? new MeasurementSet(set.environment(), space, runs, set.energyUnit())
                : MeasurementSet.ofRuns(set.environment(), space, runs, set.energyUnit());
        return new Relabelled<>(out, mapping.remappedOptions(), dropped);
    }

    /**
     * {@code measurements}, recorded in {@code from}, in {@code target}'s codes, in order; the list itself when
     * the labels agree.
     */
    public static Relabelled<List<Measurement>> of(List<Measurement> measurements, ConfigurationSpace from,
                                                   ConfigurationSpace target) {
        LabelMapping mapping = LabelMapping.between(from, target);
        if (mapping.isIdentity()) {
            return new Relabelled<>(measurements, List.of(), Map.of());
        }
        Map<String, Integer> dropped = new LinkedHashMap<>();
        List<Measurement> out = new ArrayList<>(measurements.size());
        for (Measurement m : measurements) {
            Optional<Configuration> mapped = mapping.apply(m.configuration());
            if (mapped.isEmpty()) {
                dropped.merge(mapping.missingLabel(m.configuration()).orElseThrow(), 1, Integer::sum);
            } else {
                out.add(new Measurement(mapped.get(), m.latency(), m.energy()));
            }
        }
        return new Relabelled<>(List.copyOf(out), mapping.remappedOptions(), dropped);
    }
}
