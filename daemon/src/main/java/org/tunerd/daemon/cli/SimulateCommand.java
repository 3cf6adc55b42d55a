package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tunerd.models.space.Budget;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.KafkaSettings;
import org.tunerd.daemon.config.ObjectiveSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.Profiler;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tunerd simulate}: the whole adaptive loop on the simulated board, with a scripted sequence of
 * environment changes, printed for people. Needs no board, no Kafka and no data files.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the tuning daemon on a simulated Jetson-like board through a scripted sequence of "
                + "environment changes (new DNN, new input size, new board) and prints each adaptation: "
                + "measurements used, chosen configuration, predicted vs measured latency/energy, gain over the "
                + "all-maximum setting, and regret against the simulator's true optimum.",
                "The store is first seeded by profiling one environment on the whole grid, as `tunerd profile` "
                        + "does on a real board."})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    /** The scripted environments after the profiled seed: DNN, input size, then a new board. */
    static final List<WorkloadAnnouncement> SCRIPT = List.of(
            new WorkloadAnnouncement("resnet50", 600, 600, Map.of()),
            new WorkloadAnnouncement("resnet50", 224, 224, Map.of()),
            new WorkloadAnnouncement("mobilenetv2", 224, 224, Map.of()));

    @Spec
    CommandSpec spec;

    @Option(names = "--seed-dnn", paramLabel = "<dnn>", description = "DNN profiled to seed the store (default: ${DEFAULT-VALUE}).")
    String seedDnn = "xception";

    @Option(names = "--seed-size", paramLabel = "<pixels>", description = "Square input size of the seed (default: ${DEFAULT-VALUE}).")
    int seedSize = 600;

    @Option(names = "--budget", paramLabel = "<n>", description = "Measurements per adaptation (default: ${DEFAULT-VALUE}).")
    int budget = 19;

    @Option(names = "--objective", paramLabel = "<kind>",
            description = "min-energy | min-latency (default: ${DEFAULT-VALUE}).")
    String objective = "min-energy";

    @Option(names = "--strategy", paramLabel = "<name>", description = "Transfer strategy (default: the configured default).")
    String strategy;

    @Option(names = "--learner", paramLabel = "<name>", description = "Learner (default: the configured default).")
    String learner;

    @Option(names = "--noise", paramLabel = "<sigma>", description = "Measurement noise, lognormal sigma (default: ${DEFAULT-VALUE}).")
    double noise = SimulatedDevice.DEFAULT_NOISE_SIGMA;

    @Option(names = "--state", paramLabel = "<dir>", description = "State directory (default: a new temporary directory).")
    Path state;

    @Option(names = "--replay", paramLabel = "<folder>",
            description = "Replay measured data instead of simulating: a folder of study CSV files (e.g. "
                    + "../shared/datasets/jetson-tx2). The store is seeded with the --sources environments (default "
                    + "inceptionv3 600x600) and the daemon adapts to every other environment in the folder; regret "
                    + "and model MAPE are against the measured data.")
    Path replay;

    @Option(names = "--sources", paramLabel = "<env>", split = ",",
            description = "With --replay: the environments profiled into the store before the script, as "
                    + "<dnn>_<width>x<height> (e.g. inceptionv3_600x600,xception_200x200); the others are the "
                    + "targets (default: ${DEFAULT-VALUE}).")
    List<String> sources = List.of("inceptionv3_600x600");

    @Option(names = "--max-sources", paramLabel = "<n>",
            description = "Stored environments one session transfers from at most (store.maxSources, 1-"
                    + StoreSettings.MAX_SOURCES_LIMIT + "; default: the configured default).")
    Integer maxSources;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = state != null ? state : Files.createTempDirectory("tunerd-simulate");
        TunerConfig base = new ConfigLoader().defaults();
        ObjectiveSettings objectiveSettings = switch (objective.toLowerCase(Locale.ROOT)) {
            case "min-energy" -> ObjectiveSettings.minEnergy();
            case "min-latency" -> ObjectiveSettings.minLatency();
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--objective: expected min-energy or min-latency, got '" + objective + "'");
        };
        PolicySettings policy = new PolicySettings(objectiveSettings,
                strategy != null ? strategy.toLowerCase(Locale.ROOT) : base.policy().strategy(),
                learner != null ? learner.toLowerCase(Locale.ROOT) : base.policy().learner(),
                Budget.ofCount(budget), base.policy().constraints());
        TunerConfig config = new TunerConfig(base.deviceId(), base.device(), base.workload(), policy, base.retune(),
                new KafkaSettings(false, base.kafka().bootstrapServers(), base.kafka().clientId(), base.kafka().topics(),
                        Map.of(), false),
                new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir, base.store().similarity())
                        .withMaxSources(maxSources != null ? checkedMaxSources() : base.store().maxSources()));
        Objective goal = objectiveSettings.kind() == org.tunerd.daemon.config.ObjectiveKind.MIN_LATENCY
                ? new Objective.MinLatency() : new Objective.MinEnergy();
        SimulationPrinter printer = new SimulationPrinter(out, goal);

        out.printf("tunerd simulate: policy %s, strategy %s, learner %s, %d measurements per adaptation, "
                        + "up to %d sources%n", goal, policy.strategy(), policy.learner(), budget,
                config.store().maxSources());
        out.printf("state directory: %s%n%n", dir);

        List<SimulationPrinter.Adaptation> adaptations = new ArrayList<>();
        int expected;
        if (replay != null) {
            ReplayDevice device = ReplayDevice.fromFolder(replay, 0, 1);
            printer.useTruth(device::data);
            Map<String, Environment> byName = new java.util.LinkedHashMap<>();
            device.environments().forEach(e -> byName.put(e.dnn() + "_" + e.width() + "x" + e.height(), e));
            java.util.Set<String> seeds = new java.util.LinkedHashSet<>();
            for (String s : sources) {
                if (!byName.containsKey(s.trim())) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sources: no environment '"
                            + s.trim() + "' in " + replay + "; it holds " + byName.keySet());
                }
                seeds.add(s.trim());
            }
            List<WorkloadAnnouncement> targets = byName.entrySet().stream().filter(e -> !seeds.contains(e.getKey()))
                    .map(e -> new WorkloadAnnouncement(e.getValue().dnn(), e.getValue().width(), e.getValue().height(),
                            e.getValue().attributes())).toList();
            if (targets.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--sources: every environment of " + replay + " is a source; leave at least one out as a target");
            }
            for (String s : seeds) {
                Environment e = byName.get(s);
                seed(out, device, Workload.of(e.dnn(), e.width(), e.height()), config);
            }
            runScript(out, config, device, printer, targets, 1, adaptations);
            expected = targets.size();
        } else {
            SimulatedDevice tx2 = SimulatedDevice.create("tx2", noise, 1);
            printer.useTruth(tx2::truth);
            seed(out, tx2, Workload.of(seedDnn, seedSize, seedSize), config);
            int step = runScript(out, config, tx2, printer, SCRIPT, 1, adaptations);
            WorkloadAnnouncement last = SCRIPT.get(SCRIPT.size() - 1);
            SimulatedDevice xavier = SimulatedDevice.create("xavier", noise, 2);
            printer.useTruth(xavier::truth);
            out.printf("%n[%d] restart on a new board: %s (%d configurations), same workload %s %dx%d%n", step,
                    xavier.describe().hardware(), xavier.describe().space().size(), last.dnn(), last.width(),
                    last.height());
            out.flush();
            try (Daemon daemon = Daemon.start(withWorkload(config, last), Optional.empty(), xavier, printer)) {
                printer.awaitNext(600).ifPresent(adaptations::add);
            }
            expected = SCRIPT.size() + 1;
        }

        out.printf("%nsummary (%s):%n", goal);
        out.printf("%-40s %6s %12s %9s %9s %9s %s%n", "environment", "meas.", "vs all-max", "regret", "lat.MAPE",
                "en.MAPE", "sources");
        for (SimulationPrinter.Adaptation a : adaptations) {
            var o = a.outcome();
            out.printf(Locale.ROOT, "%-40s %6d %11.1f%% %8.1f%% %8.2f%% %8.2f%% %s%n", a.environment(),
                    o.measurementsUsed(), -a.gainPercent(), a.regretPercent(), a.latencyMape(), a.energyMape(),
                    o.source().map(s -> 1 + o.extraSources().size()).orElse(0));
        }
        out.flush();
        return adaptations.size() == expected ? 0 : 1;
    }

    private int checkedMaxSources() {
        if (maxSources < 1 || maxSources > StoreSettings.MAX_SOURCES_LIMIT) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-sources: expected 1 to "
                    + StoreSettings.MAX_SOURCES_LIMIT + ", got " + maxSources);
        }
        return maxSources;
    }

    /** Profiles {@code workload} on the whole grid into the store, as {@code tunerd profile} does. */
    private static void seed(PrintWriter out, Device device, Workload workload, TunerConfig config) {
        out.printf("[0] seeding the store: profiling %s on all %d configurations of %s ...%n",
                workload.environment(device.describe().hardware()), device.describe().space().size(),
                device.describe().hardware());
        out.flush();
        var model = new Profiler(device, new ModelStore(config.store().models(), config.store().similarity()))
                .profile(workload, Integer.MAX_VALUE, Duration.ZERO, 1, n -> { });
        out.printf("    stored %d measurements%n", model.data().size());
    }

    /** Starts the daemon with the first workload, announces the others; returns the next step number. */
    private static int runScript(PrintWriter out, TunerConfig config, Device device, SimulationPrinter printer,
                                 List<WorkloadAnnouncement> script, int step,
                                 List<SimulationPrinter.Adaptation> adaptations) throws InterruptedException {
        WorkloadAnnouncement first = script.get(0);
        out.printf("%n[%d] start-up with workload %s %dx%d%n", step++, first.dnn(), first.width(), first.height());
        out.flush();
        try (Daemon daemon = Daemon.start(withWorkload(config, first), Optional.empty(), device, printer)) {
            printer.awaitNext(600).ifPresent(adaptations::add);
            for (WorkloadAnnouncement next : script.subList(1, script.size())) {
                out.printf("%n[%d] workload announced: %s %dx%d%n", step++, next.dnn(), next.width(), next.height());
                out.flush();
                daemon.announce(next, "simulate");
                printer.awaitNext(600).ifPresent(adaptations::add);
            }
        }
        return step;
    }

    private static TunerConfig withWorkload(TunerConfig c, WorkloadAnnouncement w) {
        WorkloadSettings s = c.workload();
        WorkloadSettings workload = new WorkloadSettings(w.dnn(), w.width(), w.height(), w.attributes(), Optional.empty(),
                0, 1, Duration.ZERO, Optional.empty());
        return new TunerConfig(c.deviceId(), c.device(), workload, c.policy(), c.retune(), c.kafka(), c.http(), c.store());
    }
}
