package org.tunerd.daemon.device.software;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.SoftwareValues;

/**
 * A device whose space is the board's hardware space times the declared software options, so that the tuner
 * adapts both jointly. Wraps any backend:
 *
 * <ul>
 *   <li>A declared option the board's own space already has is <em>modelled</em> by the board (the simulated
 *       board's batch size, a software column of replayed data): it stays in the board's configuration, its
 *       values are the board's restricted to the declared ones (each declared value must be one the board
 *       offers), and the board's measurement reflects it.</li>
 *   <li>Any other declared option is <em>added</em>: the space is the board's times its values (a listed
 *       board space: each listed configuration with each value), this device holds its value, and the board
 *       is given the hardware part alone. A real board's physics are the command's: it runs with the value.</li>
 * </ul>
 * Every measurement runs the workload's inference command with the current value of every declared option
 * delivered ({@link SoftwareOptions#deliver}). A software option the board offers but the declaration lacks
 * is refused: its value could not reach the command. An added option starts, and {@link #restore() restores},
 * at its first value: the smallest number, or the first string declared.
 * {@link #apply} is all or nothing: the full configuration is checked against the joint space before the
 * board is touched, and the software part changes only once the board took the hardware part.
 */
public final class SoftwareOptionsDevice implements Device {

    private static final Logger LOG = LoggerFactory.getLogger(SoftwareOptionsDevice.class);

    private final Device board;
    private final SoftwareOptions delivered;
    private final List<Option> added;
    private final ConfigurationSpace space;
    private final DeviceDescription description;
    private final Configuration initialSoftware;
    private Configuration software;

    private SoftwareOptionsDevice(Device board, SoftwareOptions declared) {
        this.board = board;
        DeviceDescription boardDescription = board.describe();
        ConfigurationSpace boardSpace = boardDescription.space();
        Set<String> declaredNames = Set.copyOf(declared.names());
        List<String> undeclared = boardSpace.names().stream()
                .filter(n -> !BoardOptions.isHardware(n) && !declaredNames.contains(n)).toList();
        if (!undeclared.isEmpty()) {
            throw new DeviceException("the board " + boardDescription.hardware() + " offers software option(s) "
                    + undeclared + " that workload.options does not declare (declared: " + declared.names()
                    + "); declare them with how their value reaches the command");
        }
        List<SoftwareOption> effective = new ArrayList<>();
        List<Option> addedOptions = new ArrayList<>();
        List<Constraint> restrictions = new ArrayList<>();
        for (SoftwareOption o : declared.options()) {
            var modelled = boardSpace.option(o.name());
            if (modelled.isEmpty()) {
                addedOptions.add(o.option());
                effective.add(o);
                continue;
            }
            Option boardOption = modelled.get();
            List<Double> values = new ArrayList<>();
            for (double v : o.option().values()) {
                String label = o.option().label(v);
                double code = codeOf(boardOption, label);
                if (Double.isNaN(code)) {
                    throw new DeviceException("workload.options." + o.name() + ": the board "
                            + boardDescription.hardware() + " does not offer " + label + "; it offers "
                            + boardOption.values().stream().map(boardOption::label).toList());
                }
                values.add(code);
            }
            if (values.size() < boardOption.size()) {
                restrictions.add(new Constraint(o.name() + " in " + values.stream().map(boardOption::label).toList(),
                        c -> values.contains(c.get(o.name()))));
            }
            effective.add(o.as(boardOption));
        }
        this.delivered = new SoftwareOptions(effective);
        this.added = List.copyOf(addedOptions);
        this.space = joint(boardSpace, added).withConstraints(restrictions);
        if (space.size() == 0) {
            throw new DeviceException("no configuration of " + boardDescription.hardware() + " offers the declared "
                    + "software option values " + declared.names());
        }
        Map<String, Double> first = new LinkedHashMap<>();
        added.forEach(o -> first.put(o.name(), firstDeclared(declared, o)));
        this.initialSoftware = new Configuration(first);
        this.software = initialSoftware;
        this.description = new DeviceDescription(boardDescription.hardware(), boardDescription.identity(), space,
                boardDescription.energyAvailable(), boardDescription.energyUnit());
        LOG.info("software options {} ({}): joint space {}", declared.names(), declared.options().stream()
                .map(o -> o.name() + " by " + o.delivery().describe()).collect(Collectors.joining(", ")), space);
    }

    /**
     * {@code board} with the {@code declared} software options in its space; {@code board} itself when none is
     * declared.
     *
     * @throws DeviceException if a declared value is not one a modelled option offers, or the board offers a
     *                         software option that is not declared
     */
    public static Device wrap(Device board, SoftwareOptions declared) {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(declared, "declared");
        return declared.isEmpty() ? board : new SoftwareOptionsDevice(board, declared);
    }

    private static double firstDeclared(SoftwareOptions declared, Option added) {
        // strings keep the declared order as codes 0..k-1 (code 0 first); numbers are sorted (smallest first)
        return declared.option(added.name()).orElseThrow().option().values().get(0);
    }

    /** The board option's value whose label is {@code label}, or NaN. */
    private static double codeOf(Option option, String label) {
        for (double v : option.values()) {
            if (option.label(v).equals(label)) {
                return v;
            }
        }
        return Double.NaN;
    }

    private static ConfigurationSpace joint(ConfigurationSpace board, List<Option> added) {
        if (added.isEmpty()) {
            return board;
        }
        List<Option> options = new ArrayList<>(board.options());
        options.addAll(added);
        if (!board.isListed()) {
            return new ConfigurationSpace(options, board.constraints());
        }
        List<Configuration> listed = new ArrayList<>();
        for (Configuration c : board.configurations()) {
            List<Configuration> partial = List.of(c);
            for (Option o : added) {
                List<Configuration> next = new ArrayList<>();
                for (Configuration p : partial) {
                    o.values().forEach(v -> next.add(p.with(o.name(), v)));
                }
                partial = next;
            }
            listed.addAll(partial);
        }
        return ConfigurationSpace.listed(options, board.constraints(), listed);
    }

    @Override
    public DeviceDescription describe() {
        return description;
    }

    @Override
    public synchronized Configuration current() {
        Map<String, Double> values = new LinkedHashMap<>(board.current().values());
        values.putAll(software.values());
        return order(values);
    }

    private Configuration order(Map<String, Double> values) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        space.names().forEach(n -> {
            if (values.containsKey(n)) {
                ordered.put(n, values.get(n));
            }
        });
        return new Configuration(ordered);
    }

    @Override
    public synchronized void apply(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        space.violation(configuration).ifPresent(why -> {
            throw new DeviceException("cannot apply " + SoftwareValues.text(space, configuration) + " on " + description.hardware() + ": " + why);
        });
        Map<String, Double> hardware = new LinkedHashMap<>(configuration.values());
        Map<String, Double> soft = new LinkedHashMap<>();
        added.forEach(o -> soft.put(o.name(), hardware.remove(o.name())));
        board.apply(new Configuration(hardware));
        software = new Configuration(soft);
    }

    @Override
    public Duration settleTime(Duration requested) {
        return board.settleTime(requested);
    }

    /** Runs the workload on the board with the current software option values delivered to its command. */
    @Override
    public Measurement measure(Workload workload) {
        Configuration configuration;
        Workload delivering;
        synchronized (this) {
            configuration = current();
            delivering = delivered.deliver(workload, configuration);
        }
        Measurement m = board.measure(delivering);
        return new Measurement(configuration, m.latency(), m.energy());
    }

    @Override
    public synchronized void restore() {
        board.restore();
        software = initialSoftware;
    }

    @Override
    public void close() {
        board.close();
    }
}
