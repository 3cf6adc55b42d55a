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
 * <p>A space is one of two kinds, with the same contract for {@link #index}, {@link #contains},
 * {@link #allows} and {@link #violation}:
 * <ul>
 *   <li>a <em>product</em> space (the constructors): the cartesian product of the option values in option
 *       order (the last option varies fastest), filtered by the constraints, as a board that lists its
 *       frequency tables offers them;</li>
 *   <li>a <em>listed</em> space ({@link #listed}): an explicit list of configurations, for example the rows
 *       of a measurement set that is not a grid. Its options still say which values exist (every listed
 *       value is offered by its option); a configuration of offered values that is not listed is not in the
 *       space, and {@link #violation} says so.</li>
 * </ul>
 * {@link #index(Configuration)} and {@link #get(int)} convert between a configuration and its position
 * in the enumeration. Immutable and thread-safe.
 *
 * <p>Over 250 lines because the two kinds of space (grid and listed) share one enumeration contract
 * (index, get, allows, violation); splitting them would put an abstraction where callers need none.
 */
public final class ConfigurationSpace {

    private final List<Option> options;
    private final List<Constraint> constraints;
    private final List<Configuration> configurations;
    private final Map<Configuration, Integer> indexByConfiguration;
    private final boolean listed;

    public ConfigurationSpace(List<Option> options, List<Constraint> constraints) {
        this(options, constraints, null);
    }

    public ConfigurationSpace(List<Option> options) {
        this(options, List.of());
    }

    /** {@code list} null = the product; else the listed configurations, checked against options and constraints. */
    private ConfigurationSpace(List<Option> options, List<Constraint> constraints, List<Configuration> list) {
        this.options = List.copyOf(options);
        this.constraints = List.copyOf(constraints);
        if (this.options.isEmpty()) {
            throw new IllegalArgumentException("a configuration space needs at least one option");
        }
        if (this.options.stream().map(Option::name).distinct().count() != this.options.size()) {
            throw new IllegalArgumentException("duplicate option names in " + names());
        }
        this.listed = list != null;
        this.configurations = listed ? inOptionOrder(list) : enumerate();
        this.indexByConfiguration = new HashMap<>(configurations.size() * 2);
        for (int i = 0; i < configurations.size(); i++) {
            if (indexByConfiguration.put(configurations.get(i), i) != null) {
                throw new IllegalArgumentException("configuration listed twice: "
                        + SoftwareValues.text(this, configurations.get(i)));
            }
        }
    }

    /**
     * The space of exactly {@code configurations}, in the order given: each must have the options' names,
     * values they offer, and satisfy every constraint; none may be listed twice.
     *
     * @throws IllegalArgumentException naming the first configuration that breaks a rule
     */
    public static ConfigurationSpace listed(List<Option> options, List<Constraint> constraints,
                                            List<Configuration> configurations) {
        return new ConfigurationSpace(options, constraints, configurations);
    }

    /** {@link #listed(List, List, List)} without constraints. */
    public static ConfigurationSpace listed(List<Option> options, List<Configuration> configurations) {
        return listed(options, List.of(), configurations);
    }

    private List<Configuration> inOptionOrder(List<Configuration> list) {
        List<Configuration> out = new ArrayList<>(list.size());
        for (Configuration c : list) {
            Optional<String> why = productViolation(c);
            if (why.isPresent()) {
                throw new IllegalArgumentException("listed configuration " + SoftwareValues.text(this, c) + ": "
                        + why.get());
            }
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            options.forEach(o -> values.put(o.name(), c.get(o.name())));
            out.add(new Configuration(values));
        }
        return List.copyOf(out);
    }

    /** True if this space is an explicit list of configurations; false for a (filtered) product. */
    public boolean isListed() {
        return listed;
    }

    /**
     * The number of configurations of the (constraint-free) product of the option values, saturating at
     * {@link Long#MAX_VALUE}; computed without enumerating.
     */
    public long productSize() {
        long n = 1;
        for (Option o : options) {
            if (n > Long.MAX_VALUE / o.size()) {
                return Long.MAX_VALUE;
            }
            n *= o.size();
        }
        return n;
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

    /**
     * True if the configuration has exactly the space's options, every value is offered and every constraint
     * holds, and, in a listed space, it is listed.
     */
    public boolean allows(Configuration configuration) {
        if (listed) {
            return contains(configuration);
        }
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
     * value the space does not offer, the constraint that fails, or, in a listed space, that it is not listed.
     */
    public Optional<String> violation(Configuration configuration) {
        Optional<String> why = productViolation(configuration);
        if (why.isPresent() || !listed || contains(configuration)) {
            return why;
        }
        return Optional.of("not one of the " + size() + " configurations the space lists (each option offers its "
                + "value, but this combination is not listed)");
    }

    private Optional<String> productViolation(Configuration configuration) {
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

    /** This space with further constraints (a listed space keeps the listed configurations that satisfy them). */
    public ConfigurationSpace withConstraints(List<Constraint> more) {
        List<Constraint> all = new ArrayList<>(constraints);
        all.addAll(more);
        if (!listed) {
            return new ConfigurationSpace(options, all);
        }
        List<Configuration> kept = configurations.stream()
                .filter(c -> more.stream().allMatch(k -> k.allows(c))).toList();
        return new ConfigurationSpace(options, all, kept);
    }

    /**
     * The configuration whose every option is at its maximum value (what MAXN + jetson_clocks picks). A
     * listed space (or a constraint) need not contain it: check with {@link #contains}.
     */
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
        return sb.append("size=").append(size()).append(listed ? " listed]" : "]").toString();
    }
}
