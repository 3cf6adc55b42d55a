package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayData;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.Profiler;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * The cases of {@code simulate --replay}: which data files seed the store (the sources) and which the
 * daemon then adapts to (the targets), and how one case runs, as on real boards.
 *
 * <p>Each file is replayed by a {@link ReplayDevice} of its board; files of one board with the same options
 * and the same measured configurations share one device (the study's grids: one TX2 answering every DNN
 * and size), otherwise each file has its own, which offers exactly what that file measured. The store is
 * seeded by profiling every source on its device (each configuration measured as often as the data
 * recorded it, so the stored source is the data's per-configuration median). The daemon then starts on the
 * first target's device; a following target on the same device is announced as a new workload, one on
 * another device (another board, or other measured configurations) restarts the daemon on that device, as
 * a board change does.
 */
final class ReplayScenario {

    /** One case: the sources seeded together into a fresh store, then the targets in order. */
    record Case(List<ReplayData.Entry> sources, List<ReplayData.Entry> targets) {

        String sourceNames() {
            return String.join("+", sources.stream().map(ReplayData.Entry::name).toList());
        }
    }

    /** One target's adaptation. */
    record Result(String source, String target, SimulationPrinter.Adaptation adaptation) {
    }

    /** The default source when none is named, if the data holds it (the study's source environment). */
    static final String DEFAULT_SOURCE = "inceptionv3_600x600";

    private ReplayScenario() {
    }

    /**
     * The cases for the named sources and targets (file stems). Without targets, the targets are every
     * other file whose options equal the first source's and whose environment no source holds. With
     * {@code pairwise}, each source (every file when none is named) forms its own case with each target.
     *
     * @throws IllegalArgumentException naming the option and the bad name, with the names available
     */
    static List<Case> plan(ReplayData data, List<String> sourceNames, List<String> targetNames, boolean pairwise) {
        List<ReplayData.Entry> sources;
        if (!sourceNames.isEmpty()) {
            sources = resolve(data, sourceNames, "--source");
        } else if (pairwise) {
            sources = data.entries();
        } else if (data.entry(DEFAULT_SOURCE).isPresent()) {
            sources = List.of(data.entry(DEFAULT_SOURCE).get());
        } else {
            throw new IllegalArgumentException("--source: name the file(s) to seed the store with; the data holds "
                    + data.names());
        }
        List<ReplayData.Entry> targets = resolve(data, targetNames, "--target");
        List<Case> cases = new ArrayList<>();
        if (pairwise) {
            for (ReplayData.Entry s : sources) {
                List<ReplayData.Entry> forS = targets.isEmpty() ? defaultTargets(data, List.of(s))
                        : targets.stream().filter(t -> !t.data().environment().equals(s.data().environment())).toList();
                if (!forS.isEmpty()) {
                    cases.add(checked(new Case(List.of(s), forS)));
                }
            }
            if (cases.isEmpty()) {
                throw new IllegalArgumentException("--pairwise: no source has a target");
            }
            return cases;
        }
        List<ReplayData.Entry> chosen = targets.isEmpty() ? defaultTargets(data, sources) : targets;
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--source: every file that could be a target is a source; leave at "
                    + "least one out as a target (or name one with --target)");
        }
        return List.of(checked(new Case(sources, chosen)));
    }

    private static List<ReplayData.Entry> resolve(ReplayData data, List<String> names, String option) {
        List<ReplayData.Entry> out = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            ReplayData.Entry e = data.entry(name).orElseThrow(() -> new IllegalArgumentException(option
                    + ": no file '" + name + "' in the replay data; it holds " + data.names()));
            if (!out.contains(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<ReplayData.Entry> defaultTargets(ReplayData data, List<ReplayData.Entry> sources) {
        Set<Environment> seeded = new HashSet<>();
        sources.forEach(s -> seeded.add(s.data().environment()));
        Set<String> options = new HashSet<>(sources.get(0).data().space().names());
        Set<Environment> taken = new HashSet<>(seeded);
        List<ReplayData.Entry> out = new ArrayList<>();
        for (ReplayData.Entry e : data.entries()) {
            if (new HashSet<>(e.data().space().names()).equals(options) && taken.add(e.data().environment())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Case checked(Case c) {
        Map<Environment, String> seen = new LinkedHashMap<>();
        for (ReplayData.Entry e : c.sources()) {
            String earlier = seen.putIfAbsent(e.data().environment(), e.name());
            if (earlier != null) {
                throw new IllegalArgumentException("--source: " + earlier + " and " + e.name() + " both hold "
                        + e.data().environment() + "; seed the store with one of them");
            }
        }
        for (ReplayData.Entry e : c.targets()) {
            String earlier = seen.putIfAbsent(e.data().environment(), e.name());
            if (earlier != null) {
                throw new IllegalArgumentException("--target: " + e.name() + " holds " + e.data().environment()
                        + " like " + earlier + ", already in the store by then; name them in separate runs");
            }
        }
        return c;
    }

    /**
     * Runs one case in a fresh store: seeds the sources, then adapts to each target; returns the finished
     * adaptations (a failed one is missing).
     */
    static List<Result> run(PrintWriter out, TunerConfig config, Case c, SimulationPrinter printer, long seed)
            throws InterruptedException {
        Map<ReplayData.Entry, ReplayDevice> devices = devices(c, seed);
        for (ReplayData.Entry s : c.sources()) {
            seed(out, devices.get(s), s, config);
        }
        ModelStore store = new ModelStore(config.store().models(), config.store().similarity());
        List<Result> results = new ArrayList<>();
        int step = 1;
        int i = 0;
        String previousBoard = c.sources().get(c.sources().size() - 1).board();
        while (i < c.targets().size()) {
            ReplayDevice device = devices.get(c.targets().get(i));
            int end = i;
            while (end < c.targets().size() && devices.get(c.targets().get(end)) == device) {
                end++;
            }
            List<ReplayData.Entry> group = c.targets().subList(i, end);
            printer.use(new SimulationPrinter.Truth(device::data, device.describe().space(),
                    env -> store.get(env).map(StoredModel::data)));
            ReplayData.Entry first = group.get(0);
            String board = device.describe().hardware();
            boolean newBoard = !board.equals(previousBoard);
            if (step == 1 && !newBoard) {
                out.printf("%n[%d] start-up with workload %s%s%n", step++, workload(first), named(first));
            } else {
                out.printf("%n[%d] restart on %s: %s (%d configurations offered), workload %s%s%n", step++,
                        newBoard ? "a new board" : "the same board with other measured configurations", board,
                        device.describe().space().size(), workload(first), named(first));
            }
            previousBoard = board;
            out.flush();
            try (Daemon daemon = Daemon.start(SimulateCommand.withWorkload(config, first.data().environment()),
                    Optional.empty(), device, printer)) {
                printer.awaitNext(600).ifPresent(a -> results.add(new Result(c.sourceNames(), first.name(), a)));
                for (ReplayData.Entry next : group.subList(1, group.size())) {
                    out.printf("%n[%d] workload announced: %s%s%n", step++, workload(next), named(next));
                    out.flush();
                    Environment e = next.data().environment();
                    daemon.announce(new org.tunerd.daemon.detect.WorkloadAnnouncement(e.dnn(), e.width(), e.height(),
                            e.attributes()), "simulate");
                    printer.awaitNext(600).ifPresent(a -> results.add(new Result(c.sourceNames(), next.name(), a)));
                }
            }
            i = end;
        }
        return results;
    }

    /** One device per group of files of one board with the same options and measured configurations. */
    private static Map<ReplayData.Entry, ReplayDevice> devices(Case c, long seed) {
        Map<List<Object>, List<ReplayData.Entry>> groups = new LinkedHashMap<>();
        List<ReplayData.Entry> all = new ArrayList<>(c.sources());
        c.targets().stream().filter(t -> !all.contains(t)).forEach(all::add);
        for (ReplayData.Entry e : all) {
            Set<Configuration> measured = new HashSet<>(e.data().configurations());
            List<Object> key = List.of(e.board(), new HashSet<>(e.data().space().names()), measured);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        Map<ReplayData.Entry, ReplayDevice> out = new LinkedHashMap<>();
        for (List<ReplayData.Entry> group : groups.values()) {
            ReplayDevice device = ReplayData.device(group, 0, seed);
            group.forEach(e -> out.put(e, device));
        }
        return out;
    }

    /** Profiles a source on all its configurations into the store, as {@code tunerd profile} does. */
    private static void seed(PrintWriter out, ReplayDevice device, ReplayData.Entry source, TunerConfig config) {
        int runs = source.data().maxRuns();
        out.printf("[0] seeding the store: profiling %s on all %d configurations of %s%s%s ...%n",
                source.data().environment(), device.describe().space().size(), device.describe().hardware(),
                named(source), runs > 1 ? ", each the median of its recorded runs (up to " + runs + ")" : "");
        out.flush();
        Workload workload = Workload.of(source.data().environment()).withRepetitions(runs);
        var model = new Profiler(device, new ModelStore(config.store().models(), config.store().similarity()))
                .profile(workload, Integer.MAX_VALUE, Duration.ZERO, 1, n -> { });
        out.printf("    stored %d measurements%n", model.data().size());
    }

    private static String workload(ReplayData.Entry e) {
        Environment env = e.data().environment();
        return env.dnn() + " " + env.size();
    }

    private static String named(ReplayData.Entry e) {
        Environment env = e.data().environment();
        return e.name().equals(env.dnn() + "_" + env.size()) ? "" : " (" + e.name() + ")";
    }
}
