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
import org.tunerd.daemon.config.Budget;
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
import picocli.CommandLine.Command;
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
                    + "../shared/datasets/jetson-tx2). The store is seeded with inceptionv3 600x600 and the daemon "
                    + "adapts to every other environment in the folder; regret is against the measured optimum.")
    Path replay;

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
                StoreSettings.under(dir, base.store().similarity()));
        Objective goal = objectiveSettings.kind() == org.tunerd.daemon.config.ObjectiveKind.MIN_LATENCY
                ? new Objective.MinLatency() : new Objective.MinEnergy();
        SimulationPrinter printer = new SimulationPrinter(out, goal);

        out.printf("tunerd simulate: policy %s, strategy %s, learner %s, %d measurements per adaptation%n",
                goal, policy.strategy(), policy.learner(), budget);
        out.printf("state directory: %s%n%n", dir);

        List<SimulationPrinter.Adaptation> adaptations = new ArrayList<>();
        int expected;
        if (replay != null) {
            ReplayDevice device = ReplayDevice.fromFolder(replay, 0, 1);
            printer.useTruth(device::data);
            List<WorkloadAnnouncement> targets = device.environments().stream()
                    .filter(e -> !(e.dnn().equals("inceptionv3") && e.width() == 600))
                    .map(e -> new WorkloadAnnouncement(e.dnn(), e.width(), e.height(), e.attributes())).toList();
            seed(out, device, Workload.of("inceptionv3", 600, 600), config);
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
        out.printf("%-40s %6s %12s %9s%n", "environment", "meas.", "vs all-max", "regret");
        for (SimulationPrinter.Adaptation a : adaptations) {
            out.printf(Locale.ROOT, "%-40s %6d %11.1f%% %8.1f%%%n", a.environment(), a.outcome().measurementsUsed(),
                    -a.gainPercent(), a.regretPercent());
        }
        out.flush();
        return adaptations.size() == expected ? 0 : 1;
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
