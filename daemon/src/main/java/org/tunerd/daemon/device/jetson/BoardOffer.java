package org.tunerd.daemon.device.jetson;

import static org.tunerd.models.space.BoardOptions.CORES;
import static org.tunerd.models.space.BoardOptions.CPU_FREQ;
import static org.tunerd.models.space.BoardOptions.EMC_FREQ;
import static org.tunerd.models.space.BoardOptions.GPU_FREQ;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/**
 * What a Jetson offers, read once from its board profile's files: the control files tunerd writes must exist
 * (each hot-pluggable core's {@code online}, the pinned governor among the available ones, the GPU and EMC
 * files), the frequencies each clock lists (the CPU's common to every cpufreq policy), and the configured
 * subsets of them, each offered value one the board lists. Every problem is a {@link DeviceException} naming
 * the board and the file.
 */
final class BoardOffer {

    private static final Logger LOG = LoggerFactory.getLogger(BoardControl.class);

    private final BoardProfile profile;
    private final SysfsFiles files;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final ConfigurationSpace space;

    /** @param offered per option, the subset of the listed values to offer; options not named offer all */
    BoardOffer(BoardProfile profile, SysfsFiles files, Map<String, List<Double>> offered) {
        this.profile = profile;
        this.files = files;
        checkControls();
        this.space = restrict(readSpace(), offered);
    }

    ConfigurationSpace space() {
        return space;
    }

    /** The files each option's values were read from (or the configured subset of them), for messages. */
    Map<String, String> valueSources() {
        return Collections.unmodifiableMap(sources);
    }

    private void checkControls() {
        var cpu = profile.cpu();
        for (String core : cpu.cores().subList(1, cpu.cores().size())) {
            if (!files.exists(cpu.online(core))) {
                throw new DeviceException("board '" + profile.name() + "': " + cpu.online(core)
                        + " is missing: the kernel does not let " + core + " go offline (or the profile is wrong)");
            }
        }
        cpu.pinGovernor().ifPresent(g -> {
            String path = cpu.cpufreq(cpu.clusters().get(0).policy(), "scaling_available_governors");
            String governors = files.read(path);
            if (!List.of(governors.split("\\s+")).contains(g)) {
                throw new DeviceException("board '" + profile.name() + "': governor '" + g + "' is not available in "
                        + path + " ('" + governors + "')");
            }
        });
        List<String> needed = new ArrayList<>();
        needed.add(profile.gpu().file("min_freq"));
        needed.add(profile.gpu().file("max_freq"));
        profile.gpu().railgateFile().ifPresent(needed::add);
        needed.add(profile.emc().rate());
        needed.add(profile.emc().lock());
        for (String path : needed) {
            if (!files.exists(path)) {
                throw new DeviceException("board '" + profile.name() + "': control file " + path + " is missing under "
                        + files.root() + " (is debugfs mounted and the daemon root?)");
            }
        }
    }

    private ConfigurationSpace readSpace() {
        var cpu = profile.cpu();
        List<Long> cpuFreqs = null;
        for (BoardProfile.Cluster cl : cpu.clusters()) {
            String path = cpu.cpufreq(cl.policy(), "scaling_available_frequencies");
            if (!files.exists(path)) {
                if (cl == cpu.clusters().get(0)) {
                    throw new DeviceException("board '" + profile.name() + "': " + path + " is missing");
                }
                LOG.warn("{} is missing (cluster offline?); CPU frequencies are read from the other clusters", path);
                continue;
            }
            List<Long> listed = AvailableValues.parse(files.read(path), 1, path);
            if (cpuFreqs == null) {
                cpuFreqs = listed;
                sources.put(CPU_FREQ, path);
            } else if (!cpuFreqs.equals(listed)) {
                List<Long> common = cpuFreqs.stream().filter(listed::contains).toList();
                LOG.warn("cpufreq policies list different frequencies; offering the {} common to all ({})",
                        common.size(), path);
                if (common.isEmpty()) {
                    throw new DeviceException("board '" + profile.name() + "': cpufreq policies share no frequency ("
                            + sources.get(CPU_FREQ) + " vs " + path + ")");
                }
                cpuFreqs = common;
            }
        }
        String gpuPath = profile.gpu().file("available_frequencies");
        List<Long> gpu = AvailableValues.parse(files.read(gpuPath), 1, gpuPath);
        sources.put(GPU_FREQ, gpuPath);
        String emcPath = profile.emc().available();
        List<Long> emc = AvailableValues.parse(files.read(emcPath),
                AvailableValues.multiplier(profile.emc().availableUnit()), emcPath);
        sources.put(EMC_FREQ, emcPath);
        List<Double> cores = IntStream.rangeClosed(1, cpu.cores().size()).mapToObj(i -> (double) i).toList();
        return new ConfigurationSpace(List.of(
                Option.ordinal(CORES, cores),
                Option.ordinal(CPU_FREQ, doubles(cpuFreqs)),
                Option.ordinal(GPU_FREQ, doubles(gpu)),
                Option.ordinal(EMC_FREQ, doubles(emc))));
    }

    private ConfigurationSpace restrict(ConfigurationSpace listed, Map<String, List<Double>> offered) {
        for (String name : offered.keySet()) {
            if (listed.option(name).isEmpty()) {
                throw new DeviceException("offered values given for unknown option '" + name + "'; options: "
                        + listed.names());
            }
        }
        List<Option> options = new ArrayList<>();
        for (Option o : listed.options()) {
            List<Double> subset = offered.get(o.name());
            if (subset == null) {
                options.add(o);
                continue;
            }
            for (double v : subset) {
                if (!o.offers(v)) {
                    throw new DeviceException("offered " + o.name() + " value " + o.label(v) + " is not listed by board '"
                            + profile.name() + "' (" + sources.getOrDefault(o.name(), "cpu.cores") + " lists "
                            + o.values().stream().map(o::label).collect(Collectors.joining(" ")) + ")");
                }
            }
            if (subset.isEmpty()) {
                throw new DeviceException("offered values for " + o.name() + " must not be empty");
            }
            options.add(Option.ordinal(o.name(), subset));
            sources.put(o.name(), "the configured subset of " + sources.getOrDefault(o.name(), "cpu.cores"));
        }
        return new ConfigurationSpace(options);
    }

    private static List<Double> doubles(List<Long> values) {
        return values.stream().map(Long::doubleValue).toList();
    }
}
