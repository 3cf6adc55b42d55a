package org.tunerd.daemon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.space.Option;

/**
 * Limits a policy puts on the configuration space.
 *
 * @param allowed  per option, the range of values it may take
 * @param minCores least number of online cores (0 = no limit)
 * @param pinned   options held at one value
 */
public record ConstraintSettings(Map<String, AllowedRange> allowed, int minCores, Map<String, Double> pinned) {

    /** Name of the option counting online cores ({@link BoardOptions#CORES}). */
    public static final String CORES = BoardOptions.CORES;

    public ConstraintSettings {
        allowed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(allowed));
        pinned = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pinned));
        if (minCores < 0) {
            throw new IllegalArgumentException("minCores must be >= 0, got " + minCores);
        }
    }

    public static ConstraintSettings none() {
        return new ConstraintSettings(Map.of(), 0, Map.of());
    }

    /** These limits as model constraints, to add to a device's space. */
    public List<Constraint> toConstraints() {
        List<Constraint> out = new ArrayList<>();
        allowed.forEach((option, range) -> {
            if (range.min().isPresent() && range.max().isPresent()) {
                out.add(Constraint.range(option, range.min().getAsDouble(), range.max().getAsDouble()));
            } else if (range.min().isPresent()) {
                out.add(Constraint.atLeast(option, range.min().getAsDouble()));
            } else {
                double hi = range.max().orElseThrow();
                String shown = hi == Math.rint(hi) && Math.abs(hi) < 1e15 ? Long.toString((long) hi) : Double.toString(hi);
                out.add(new Constraint(option + " <= " + shown, c -> c.get(option) <= hi));
            }
        });
        if (minCores > 0) {
            out.add(Constraint.atLeast(CORES, minCores));
        }
        pinned.forEach((option, value) -> out.add(Constraint.fixed(option, value)));
        return out;
    }

    /**
     * Checks these limits against a device's space: every option named exists, pinned values are offered,
     * and at least one configuration is left. Returns the problems, each naming its field under
     * {@code policy.constraints}.
     */
    public List<ConfigProblem> check(ConfigurationSpace space) {
        List<ConfigProblem> problems = new ArrayList<>();
        String base = "policy.constraints.";
        allowed.keySet().forEach(o -> {
            if (space.option(o).isEmpty()) {
                problems.add(new ConfigProblem(base + "allowed." + o, "unknown option; the device offers " + space.names()));
            }
        });
        if (minCores > 0 && space.option(CORES).isEmpty()) {
            problems.add(new ConfigProblem(base + "minCores", "the device has no '" + CORES + "' option"));
        }
        pinned.forEach((o, v) -> {
            Optional<Option> option = space.option(o);
            if (option.isEmpty()) {
                problems.add(new ConfigProblem(base + "pinned." + o, "unknown option; the device offers " + space.names()));
            } else if (!option.get().offers(v)) {
                problems.add(new ConfigProblem(base + "pinned." + o, "the device does not offer "
                        + Configuration.of(o, v).values().get(o) + "; offered: " + option.get().values()));
            }
        });
        if (problems.isEmpty() && space.withConstraints(toConstraints()).size() == 0) {
            problems.add(new ConfigProblem("policy.constraints", "no configuration of the device satisfies "
                    + toConstraints()));
        }
        return problems;
    }
}
