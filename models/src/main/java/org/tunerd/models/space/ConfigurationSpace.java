package org.tunerd.models.space;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options of a system, the constraints on them, and the enumeration of every allowed configuration.
 *
 * <p>The enumeration is the cartesian product of the option values in option order (the last option
 * varies fastest), filtered by the constraints; {@link #index(Configuration)} and {@link #get(int)}
 * convert between a configuration and its position in that list. Immutable and thread-safe.
 */
public final class ConfigurationSpace {

    private final List<Option> options;
    private final List<Constraint> constraints;
    private final List<Configuration> configurations;
    private final Map<Configuration, Integer> indexByConfiguration;

    public ConfigurationSpace(List<Option> options, List<Constraint> constraints) {
        this.options = List.copyOf(options);
        this.constraints = List.copyOf(constraints);
        if (this.options.isEmpty()) {
            throw new IllegalArgumentException("a configuration space needs at least one option");
        }
        if (this.options.stream().map(Option::name).distinct().count() != this.options.size()) {
            throw new IllegalArgumentException("duplicate option names in " + names());
        }
        this.configurations = enumerate();
        this.indexByConfiguration = new HashMap<>(configurations.size() * 2);
        for (int i = 0; i < configurations.size(); i++) {
            indexByConfiguration.put(configurations.get(i), i);
        }
    }

    public ConfigurationSpace(List<Option> options) {
        this(options, List.of());
    }

    private List<Configuration> enumerate() {
        List<Configuration> all = new ArrayList<>();
        int[] position = new int[options.size()];
        while (true) {
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            for (int i = 0; i < options.size(); i++) {
                values.put(options.get(i).name(), options.get(i).values().get(position[i]));
            }
            Configuration c = new Configuration(values);
            if (allows(c)) {
                all.add(c);
            }
            int i = options.size() - 1;
            while (i >= 0 && ++position[i] == options.get(i).size()) {
                position[i] = 0;
                i--;
            }
            if (i < 0) {
                return List.copyOf(all);
            }
        }
    }

    public List<Option> options() {
        return options;
    }

    public List<String> names() {
        return options.stream().map(Option::name).toList();
    }

    public List<Constraint> constraints() {
        return constraints;
    }

    public Optional<Option> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The option called {@code name}; fails naming the option and the space's options. */
    public Option require(String name) {
        return option(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown option '" + name + "'; the space has " + names()));
    }

    /** Number of allowed configurations. */
    public int size() {
        return configurations.size();
    }

    /** Every allowed configuration, in enumeration order. */
    public List<Configuration> configurations() {
        return configurations;
    }

    public Stream<Configuration> stream() {
        return configurations.stream();
    }

    public Configuration get(int index) {
        return configurations.get(index);
    }

    /** Position of {@code configuration} in the enumeration, or -1 if the space does not contain it. */
    public int index(Configuration configuration) {
        return indexByConfiguration.getOrDefault(configuration, -1);
    }

    public boolean contains(Configuration configuration) {
        return indexByConfiguration.containsKey(configuration);
    }

    /** True if the configuration has exactly the space's options, every value is offered and every constraint holds. */
    public boolean allows(Configuration configuration) {
        if (configuration.values().size() != options.size()) {
            return false;
        }
        for (Option o : options) {
            if (!configuration.has(o.name()) || !o.offers(configuration.get(o.name()))) {
                return false;
            }
        }
        for (Constraint c : constraints) {
            if (!c.allows(configuration)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code configuration} is not allowed, or empty if it is: names the unknown or missing option, the
     * value the space does not offer, or the constraint that fails.
     */
    public Optional<String> violation(Configuration configuration) {
        for (String name : configuration.values().keySet()) {
            if (option(name).isEmpty()) {
                return Optional.of("unknown option '" + name + "'; the space has " + names());
            }
        }
        for (Option o : options) {
            if (!configuration.has(o.name())) {
                return Optional.of("option '" + o.name() + "' is missing");
            }
            double v = configuration.get(o.name());
            if (!o.offers(v)) {
                return Optional.of("option '" + o.name() + "' does not offer " + o.label(v) + "; offered: "
                        + o.values().stream().map(o::label).toList());
            }
        }
        for (Constraint c : constraints) {
            if (!c.allows(configuration)) {
                return Optional.of("constraint '" + c.description() + "' fails");
            }
        }
        return Optional.empty();
    }

    /** This space with further constraints. */
    public ConfigurationSpace withConstraints(List<Constraint> more) {
        List<Constraint> all = new ArrayList<>(constraints);
        all.addAll(more);
        return new ConfigurationSpace(options, all);
    }

    /** The configuration whose every option is at its maximum value (what MAXN + jetson_clocks picks). */
    public Configuration maximum() {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        options.forEach(o -> values.put(o.name(), o.max()));
        return new Configuration(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfigurationSpace[");
        for (Option o : options) {
            sb.append(o.name()).append('(').append(o.size()).append(") ");
        }
        return sb.append("size=").append(size()).append(']').toString();
    }
}
