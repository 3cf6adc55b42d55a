package org.tunerd.daemon.device.jetson;

import static org.tunerd.models.space.BoardOptions.CORES;
import static org.tunerd.models.space.BoardOptions.CPU_FREQ;
import static org.tunerd.models.space.BoardOptions.EMC_FREQ;
import static org.tunerd.models.space.BoardOptions.GPU_FREQ;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/**
 * Applies configurations to a Jetson through its board profile's files, and undoes them.
 *
 * <p>Write protocol, in this order: cores online/offline (profile order; cpu0 is never written); per cpufreq
 * policy serving an online core: the governor (if the profile pins one), then min = max = cpu_freq; GPU
 * {@code railgate_enable = 0}, then devfreq min = max = gpu_freq; EMC lock and rate in the profile's order.
 * Min/max pairs are written in the order that keeps min &lt;= max (see {@link Step.Range}). A file already
 * holding the wanted value is not written. Every write is read back and must hold the written value.
 *
 * <p>Before the first write of a file its value is kept in a snapshot; {@link #restore()} writes the snapshot
 * back. With a {@link BoardSnapshot} file the snapshot is saved durably before any write that adds a file to it,
 * and a snapshot saved by an earlier run (one that crashed, or stopped without restoring) is taken as the
 * original: a restore then puts back the settings from before the first run wrote, not the crash-time ones.
 * The file is removed once a restore succeeded. An apply is all or nothing: on any failure the files it touched
 * are put back as they were before the call and a {@link DeviceException} says what failed (and whether the
 * rollback did). What the board offers is read once, at construction, by {@link BoardOffer}.
 *
 * <p>About 300 lines: planning the writes, executing them with read-back, rolling back and keeping the snapshot
 * all work on the one ordered list of steps and the snapshot under one lock, which is the device's guarantee.
 */
final class BoardControl {

    private static final Logger LOG = LoggerFactory.getLogger(BoardControl.class);

    private final BoardProfile profile;
    private final SysfsFiles files;
    private final ConfigurationSpace space;
    private final Map<String, String> sources;
    private final Map<String, String> snapshot = new LinkedHashMap<>();
    private final java.util.Optional<BoardSnapshot> saved;
    private boolean shutDown;

    /**
     * @param offered per option, the subset of the listed values to offer; options not named offer all
     */
    BoardControl(BoardProfile profile, SysfsFiles files, Map<String, List<Double>> offered) {
        this(profile, files, offered, java.util.Optional.empty());
    }

    /** As above, keeping the snapshot in {@code saved} (and starting from what an earlier run saved there). */
    BoardControl(BoardProfile profile, SysfsFiles files, Map<String, List<Double>> offered,
                 java.util.Optional<BoardSnapshot> saved) {
        this.profile = profile;
        this.files = files;
        this.saved = saved;
        BoardOffer offer = new BoardOffer(profile, files, offered);
        this.space = offer.space();
        this.sources = offer.valueSources();
        saved.ifPresent(s -> {
            Map<String, String> earlier = s.load();
            if (!earlier.isEmpty()) {
                LOG.warn("board '{}': {} holds the original values of {} files from an earlier run that did not "
                        + "restore them (a crash?); they are kept and restored on stop", profile.name(), s.file(),
                        earlier.size());
                snapshot.putAll(earlier);
            }
        });
    }

    ConfigurationSpace space() {
        return space;
    }

    /** The files each option's values were read from, for messages. */
    Map<String, String> valueSources() {
        return sources;
    }

    /** A copy of the snapshot: each written file's value before its first write, in first-write order. */
    synchronized Map<String, String> snapshot() {
        return Map.copyOf(snapshot);
    }

    /**
     * The configuration the board is in: online managed cores, the cpu0 policy's max, the GPU's max, the
     * EMC's rate.
     */
    synchronized Configuration current() {
        var cpu = profile.cpu();
        long online = 1 + cpu.cores().subList(1, cpu.cores().size()).stream()
                .filter(core -> files.read(cpu.online(core)).equals("1")).count();
        return Configuration.of(
                CORES, online,
                CPU_FREQ, files.readLong(cpu.cpufreq(cpu.clusters().get(0).policy(), "scaling_max_freq")),
                GPU_FREQ, files.readLong(profile.gpu().file("max_freq")),
                EMC_FREQ, files.readLong(profile.emc().rate()));
    }

    /** Puts the board into {@code target}, all or nothing. */
    synchronized void apply(Configuration target) {
        if (shutDown) {
            throw new DeviceException("board '" + profile.name() + "' is shut down: tunerd is stopping");
        }
        validate(target);
        List<Step> steps = plan(target);
        Map<String, String> before = readState(steps);
        remember(before);
        try {
            for (Step step : steps) {
                execute(step);
            }
            LOG.info("board '{}' now at {}", profile.name(), target);
        } catch (DeviceException failure) {
            List<String> rollbackErrors = executeAll(restorePlan(before));
            if (!rollbackErrors.isEmpty()) {
                throw new DeviceException("applying " + target + " failed: " + failure.getMessage()
                        + "; ROLLBACK ALSO FAILED, board state unknown: " + String.join("; ", rollbackErrors), failure);
            }
            throw new DeviceException("applying " + target + " failed and was rolled back: " + failure.getMessage(),
                    failure);
        }
    }

    /** Refuses every later apply, then restores the snapshot if {@code restore}: nothing writes after this. */
    synchronized void shutDown(boolean restore) {
        shutDown = true;
        if (restore) {
            restore();
        }
    }

    /** Adds the files not yet in the snapshot, saving it first if it is kept on disk: before any write. */
    private void remember(Map<String, String> before) {
        Map<String, String> next = new LinkedHashMap<>(snapshot);
        before.forEach(next::putIfAbsent);
        if (next.size() == snapshot.size()) {
            return;
        }
        saved.ifPresent(s -> s.save(next, java.time.Instant.now()));
        snapshot.clear();
        snapshot.putAll(next);
    }

    /**
     * Writes the snapshot back (every file as it was before its first write), then forgets it and removes the
     * saved copy. If a write fails, the snapshot (and its file) is kept for the next attempt.
     */
    synchronized void restore() {
        if (snapshot.isEmpty()) {
            return;
        }
        List<String> errors = executeAll(restorePlan(snapshot));
        if (!errors.isEmpty()) {
            throw new DeviceException("restoring board '" + profile.name() + "' failed: " + String.join("; ", errors)
                    + saved.map(s -> "; the original values stay in " + s.file()).orElse(""));
        }
        LOG.info("board '{}' restored {} files to their values before tuning", profile.name(), snapshot.size());
        snapshot.clear();
        saved.ifPresent(BoardSnapshot::delete);
    }

    private void validate(Configuration c) {
        Set<String> unknown = new LinkedHashSet<>(c.values().keySet());
        unknown.removeAll(space.names());
        if (!unknown.isEmpty()) {
            throw new DeviceException("board '" + profile.name() + "' has no option(s) " + unknown + "; options: "
                    + space.names());
        }
        for (String name : space.names()) {
            if (!c.has(name)) {
                throw new DeviceException("configuration " + c + " lacks option '" + name + "'");
            }
        }
        double cores = c.get(CORES);
        if (cores < 1) {
            throw new DeviceException("refusing " + c + ": cores = " + (long) cores
                    + " would take cpu0 offline; cpu0 always stays online (cores >= 1)");
        }
        for (Option o : space.options()) {
            double v = c.get(o.name());
            if (!o.offers(v)) {
                String source = sources.getOrDefault(o.name(), "cpu.cores of board profile " + profile.name());
                throw new DeviceException("refusing " + c + ": " + o.name() + " = " + o.label(v)
                        + " is not offered by the board (" + source + " lists "
                        + o.values().stream().map(o::label).collect(Collectors.joining(" ")) + ")");
            }
        }
    }

    private List<Step> plan(Configuration c) {
        var cpu = profile.cpu();
        int cores = (int) c.get(CORES);
        List<String> online = cpu.cores().subList(0, cores);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < cpu.cores().size(); i++) {
            steps.add(new Step.Set(cpu.online(cpu.cores().get(i)), i < cores ? "1" : "0"));
        }
        long cpuFreq = (long) c.get(CPU_FREQ);
        for (BoardProfile.Cluster cl : cpu.clusters()) {
            if (cl.cpus().stream().noneMatch(online::contains)) {
                continue;
            }
            cpu.pinGovernor().ifPresent(g -> steps.add(new Step.Set(cpu.cpufreq(cl.policy(), "scaling_governor"), g)));
            steps.add(new Step.Range(cpu.cpufreq(cl.policy(), "scaling_min_freq"),
                    cpu.cpufreq(cl.policy(), "scaling_max_freq"), cpuFreq, cpuFreq));
        }
        var gpu = profile.gpu();
        gpu.railgateFile().ifPresent(path -> steps.add(new Step.Set(path, "0")));
        long gpuFreq = (long) c.get(GPU_FREQ);
        steps.add(new Step.Range(gpu.file("min_freq"), gpu.file("max_freq"), gpuFreq, gpuFreq));
        var emc = profile.emc();
        Step lock = new Step.Set(emc.lock(), "1");
        Step rate = new Step.Set(emc.rate(), Long.toString((long) c.get(EMC_FREQ)));
        steps.addAll(emc.lockFirst() ? List.of(lock, rate) : List.of(rate, lock));
        return steps;
    }

    /** The current content of every existing file the steps may write, in step order. */
    private Map<String, String> readState(List<Step> steps) {
        Map<String, String> state = new LinkedHashMap<>();
        for (Step s : steps) {
            for (String path : s.paths()) {
                files.readIfExists(path).ifPresent(v -> state.putIfAbsent(path, v));
            }
        }
        return state;
    }

    /**
     * Steps that put the files of {@code state} back: EMC rate then lock (the rate goes back while still
     * locked), GPU range then railgate, CPU policies (range, then governor) last to first, cores last to first.
     */
    private List<Step> restorePlan(Map<String, String> state) {
        List<Step> steps = new ArrayList<>();
        var emc = profile.emc();
        addSet(steps, state, emc.rate());
        addSet(steps, state, emc.lock());
        var gpu = profile.gpu();
        addRange(steps, state, gpu.file("min_freq"), gpu.file("max_freq"));
        gpu.railgateFile().ifPresent(path -> addSet(steps, state, path));
        var cpu = profile.cpu();
        List<BoardProfile.Cluster> clusters = new ArrayList<>(cpu.clusters());
        Collections.reverse(clusters);
        for (BoardProfile.Cluster cl : clusters) {
            addRange(steps, state, cpu.cpufreq(cl.policy(), "scaling_min_freq"),
                    cpu.cpufreq(cl.policy(), "scaling_max_freq"));
            addSet(steps, state, cpu.cpufreq(cl.policy(), "scaling_governor"));
        }
        for (int i = cpu.cores().size() - 1; i >= 1; i--) {
            addSet(steps, state, cpu.online(cpu.cores().get(i)));
        }
        return steps;
    }

    private static void addSet(List<Step> steps, Map<String, String> state, String path) {
        if (state.containsKey(path)) {
            steps.add(new Step.Set(path, state.get(path)));
        }
    }

    private static void addRange(List<Step> steps, Map<String, String> state, String min, String max) {
        if (state.containsKey(min) && state.containsKey(max)) {
            try {
                steps.add(new Step.Range(min, max, Long.parseLong(state.get(min)), Long.parseLong(state.get(max))));
            } catch (NumberFormatException e) {
                steps.add(new Step.Set(min, state.get(min)));
                steps.add(new Step.Set(max, state.get(max)));
            }
        } else {
            addSet(steps, state, min);
            addSet(steps, state, max);
        }
    }

    /** Executes every step even if some fail; returns the failures' messages. */
    private List<String> executeAll(List<Step> steps) {
        List<String> errors = new ArrayList<>();
        for (Step s : steps) {
            try {
                execute(s);
            } catch (DeviceException e) {
                LOG.error("while restoring: {}", e.getMessage());
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    private void execute(Step step) {
        if (step instanceof Step.Set set) {
            set(set.path(), set.value());
        } else if (step instanceof Step.Range range) {
            long currentMax = files.readLong(range.maxPath());
            if (range.min() > currentMax) {
                set(range.maxPath(), Long.toString(range.max()));
                set(range.minPath(), Long.toString(range.min()));
            } else {
                set(range.minPath(), Long.toString(range.min()));
                set(range.maxPath(), Long.toString(range.max()));
            }
        }
    }

    private void set(String path, String value) {
        if (same(files.read(path), value)) {
            return;
        }
        LOG.debug("write {} = {}", path, value);
        files.write(path, value);
        String back = files.read(path);
        if (!same(back, value)) {
            throw new DeviceException("wrote '" + value + "' to " + path + " but it reads back '" + back
                    + "' (the kernel did not take the value: capped by nvpmodel, or not supported?)");
        }
    }

    private static boolean same(String actual, String wanted) {
        if (actual.equals(wanted)) {
            return true;
        }
        try {
            return Long.parseLong(actual) == Long.parseLong(wanted);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
