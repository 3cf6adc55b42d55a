package org.tunerd.daemon.device.software;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tunerd.daemon.device.InferenceCommand;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.space.Configuration;

/**
 * The software options declared for a workload ({@code workload.options}), in declared order. A
 * configuration's software part reaches the inference command through each option's {@link Delivery}:
 * arguments are appended in declared order, environment variables set.
 *
 * @param options the declared options, with distinct names
 */
public record SoftwareOptions(List<SoftwareOption> options) {

    private static final SoftwareOptions NONE = new SoftwareOptions(List.of());

    public SoftwareOptions {
        options = List.copyOf(options);
        Set<String> seen = new HashSet<>();
        for (SoftwareOption o : options) {
            if (!seen.add(o.name())) {
                throw new IllegalArgumentException("software option '" + o.name() + "' is declared twice");
            }
        }
    }

    /** No software options: the space is the board's. */
    public static SoftwareOptions none() {
        return NONE;
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    public List<String> names() {
        return options.stream().map(SoftwareOption::name).toList();
    }

    public Optional<SoftwareOption> option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /**
     * {@code command} with each option's value in {@code configuration} delivered.
     *
     * @throws IllegalArgumentException if the configuration lacks a declared option
     */
    public InferenceCommand deliver(InferenceCommand command, Configuration configuration) {
        InferenceCommand out = command;
        for (SoftwareOption o : options) {
            out = o.delivery().deliver(out, o.option().label(configuration.get(o.name())));
        }
        return out;
    }

    /** {@code workload} whose command (if it has one) gets the software part of {@code configuration}. */
    public Workload deliver(Workload workload, Configuration configuration) {
        return workload.command().map(c -> workload.withCommand(deliver(c, configuration))).orElse(workload);
    }
}
