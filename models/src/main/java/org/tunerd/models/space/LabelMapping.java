package org.tunerd.models.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-expresses configurations recorded in one space ({@code from}, e.g. a stored model's) in the codes of another
 * ({@code to}, the device's): a categorical option's value is a code, its position in the option's labels, so the
 * same code means another value once the labels are reordered or one is inserted. For each option that is
 * categorical in both spaces, a code of {@code from} is mapped to its label and the label to its code in {@code
 * to}; a label {@code to} lacks has no code there. Every other option (numbers, options of one space only) keeps
 * its value. Immutable and thread-safe.
 */
public final class LabelMapping {

    private final ConfigurationSpace from;
    private final ConfigurationSpace to;
    /** Option name to (code in from to code in to, or NaN for a label to lacks), for options whose codes differ. */
    private final Map<String, Map<Double, Double>> codes;

    private LabelMapping(ConfigurationSpace from, ConfigurationSpace to, Map<String, Map<Double, Double>> codes) {
        this.from = from;
        this.to = to;
        this.codes = codes;
    }

    /** The mapping of {@code from}'s categorical codes to {@code to}'s, by label. */
    public static LabelMapping between(ConfigurationSpace from, ConfigurationSpace to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Map<String, Map<Double, Double>> codes = new LinkedHashMap<>();
        for (Option source : from.options()) {
            Optional<Option> target = to.option(source.name());
            if (source.kind() != OptionKind.CATEGORICAL || target.isEmpty()
                    || target.get().kind() != OptionKind.CATEGORICAL || sameCodes(source, target.get())) {
                continue;
            }
            Map<Double, Double> map = new LinkedHashMap<>();
            for (int i = 0; i < source.size(); i++) {
                int j = target.get().labels().indexOf(source.labels().get(i));
                map.put(source.values().get(i), j >= 0 ? target.get().values().get(j) : Double.NaN);
            }
            codes.put(source.name(), Map.copyOf(map));
        }
        return new LabelMapping(from, to, Map.copyOf(codes));
    }

    private static boolean sameCodes(Option a, Option b) {
        return a.values().equals(b.values()) && a.labels().equals(b.labels());
    }

    /** True if every shared categorical option has the same labels with the same codes: nothing to re-express. */
    public boolean isIdentity() {
        return codes.isEmpty();
    }

    /** The categorical options whose codes differ between the two spaces (reordered, inserted or removed labels). */
    public List<String> remappedOptions() {
        return from.names().stream().filter(codes::containsKey).toList();
    }

    /**
     * {@code configuration} of {@code from} in {@code to}'s codes; empty if one of its labels has no code in {@code
     * to} ({@link #missingLabel} names it). A value {@code from} does not offer is kept as it is.
     */
    public Optional<Configuration> apply(Configuration configuration) {
        if (isIdentity()) {
            return Optional.of(configuration);
        }
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : configuration.values().entrySet()) {
            Map<Double, Double> map = codes.get(e.getKey());
            Double code = map == null ? e.getValue() : map.getOrDefault(e.getValue(), e.getValue());
            if (code.isNaN()) {
                return Optional.empty();
            }
            values.put(e.getKey(), code);
        }
        return Optional.of(new Configuration(values));
    }

    /**
     * The first {@code option=label} of {@code configuration} (in {@code from}'s terms) that {@code to} does not
     * offer, e.g. {@code precision=int8}; empty if {@link #apply} maps it.
     */
    public Optional<String> missingLabel(Configuration configuration) {
        for (Map.Entry<String, Map<Double, Double>> e : codes.entrySet()) {
            if (configuration.has(e.getKey())) {
                double code = configuration.get(e.getKey());
                if (e.getValue().getOrDefault(code, code).isNaN()) {
                    return Optional.of(e.getKey() + "=" + from.require(e.getKey()).label(code));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code from} in {@code to}'s codes: each remapped option offers {@code to}'s codes and labels for the labels
     * both spaces have (in {@code to}'s order), other options are unchanged. A listed space lists {@code
     * listed} (configurations already mapped with {@link #apply}); a product stays a product and {@code listed}
     * is ignored. The constraints of {@code from} are kept, each read in {@code from}'s codes.
     *
     * @throws IllegalArgumentException if a remapped option would offer no value (no label in common)
     */
    public ConfigurationSpace space(List<Configuration> listed) {
        if (isIdentity()) {
            return from;
        }
        List<Option> options = new ArrayList<>(from.options().size());
        for (Option o : from.options()) {
            options.add(codes.containsKey(o.name()) ? common(o, to.require(o.name())) : o);
        }
        List<Constraint> constraints = from.constraints().stream().map(this::inFromCodes).toList();
        return from.isListed() ? ConfigurationSpace.listed(options, constraints, listed)
                : new ConfigurationSpace(options, constraints);
    }

    private static Option common(Option source, Option target) {
        List<Double> values = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int j = 0; j < target.size(); j++) {
            if (source.labels().contains(target.labels().get(j))) {
                values.add(target.values().get(j));
                labels.add(target.labels().get(j));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("option '" + source.name() + "': none of the labels " + source.labels()
                    + " is among " + target.labels());
        }
        return new Option(source.name(), OptionKind.CATEGORICAL, values, labels);
    }

    /** {@code c} read in {@code to}'s codes: the configuration is mapped back to {@code from}'s before the test. */
    private Constraint inFromCodes(Constraint c) {
        Map<String, Map<Double, Double>> back = new LinkedHashMap<>();
        codes.forEach((name, map) -> {
            Map<Double, Double> inverse = new LinkedHashMap<>();
            map.forEach((f, t) -> {
                if (!t.isNaN()) {
                    inverse.put(t, f);
                }
            });
            back.put(name, inverse);
        });
        return new Constraint(c.description(), configuration -> {
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            configuration.values().forEach((name, v) -> values.put(name,
                    back.containsKey(name) ? back.get(name).getOrDefault(v, v) : v));
            return c.allows(new Configuration(values));
        });
    }
}
