package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.replay.ReplayData;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.models.space.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tunerd simulate}: the whole adaptive loop on the simulated board, with a scripted sequence of
 * environment changes, or on replayed measured data ({@code --replay}), printed for people and scored
 * against the truth next to two baselines ({@link SimulationReport}). Needs no board, no Kafka and no data
 * files (except for {@code --replay}). Every combination of {@code --objective} and {@code --budget} is one
 * run in a fresh store.
 *
 * <p>About 280 lines, half of them picocli option declarations with their help texts and the parsing of
 * their values; the runs themselves are {@link SimulatedScenario} and {@link ReplayScenario}, the output
 * {@link SimulationPrinter}.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the tuning daemon on a simulated Jetson-like board through a scripted sequence of "
                + "environment changes (new DNN, new input size, new board) and prints each adaptation: "
                + "measurements used, chosen configuration, predicted vs measured latency/energy, gain over the "
                + "all-maximum setting, regret against the true optimum, and two baselines with as many "
                + "measurements (the expected best of random ones; the best of the source's predicted top ones).",
                "The store is first seeded by profiling one environment on the whole space, as `tunerd profile` "
                        + "does on a real board. Each combination of --objective and --budget is one run in a "
                        + "fresh store."})
public final class SimulateCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    private static final List<String> OBJECTIVES = List.of("min-energy", "min-latency", "min-energy-under-latency-slo",
            "weighted");

    @Spec
    CommandSpec spec;

    @Option(names = "--seed-dnn", paramLabel = "<dnn>", description = "DNN profiled to seed the store (default: ${DEFAULT-VALUE}).")
    String seedDnn = "xception";

    @Option(names = "--seed-size", paramLabel = "<pixels>", description = "Square input size of the seed (default: ${DEFAULT-VALUE}).")
    int seedSize = 600;

    @Option(names = "--budget", paramLabel = "<n>", split = ",",
            description = "Measurements per adaptation: a count, or a fraction of the offered configurations "
                    + "(0.0244 or 2.44%%); several give one run each (default: ${DEFAULT-VALUE}).")
    List<String> budgets = List.of("19");

    @Option(names = "--objective", paramLabel = "<kind>", split = ",",
            description = "min-energy | min-latency | min-energy-under-latency-slo (with --latency-slo) | weighted "
                    + "(with --weights); several give one run each (default: ${DEFAULT-VALUE}).")
    List<String> objectives = List.of("min-energy");

    @Option(names = "--latency-slo", paramLabel = "<seconds>",
            description = "Latency bound of min-energy-under-latency-slo, seconds per inference (or per workload "
                    + "run in the data's units).")
    Double latencySlo;

    @Option(names = "--weights", paramLabel = "<latency>,<energy>", split = ",",
            description = "Weights of the weighted objective (default: ${DEFAULT-VALUE}).")
    List<Double> weights = List.of(1.0, 1.0);

    @Option(names = "--strategy", paramLabel = "<name>", description = "Transfer strategy (default: the configured default).")
    String strategy;

    @Option(names = "--learner", paramLabel = "<name>", description = "Learner (default: the configured default).")
    String learner;

    @Option(names = "--noise", paramLabel = "<sigma>",
            description = "Measurement noise of the simulated board, lognormal sigma (default: ${DEFAULT-VALUE}).")
    double noise = SimulatedDevice.DEFAULT_NOISE_SIGMA;

    @Option(names = "--seed", paramLabel = "<n>",
            description = "Seed of the devices: the simulated boards' noise (the new board uses seed+1), the replay "
                    + "device's first recorded run of each configuration (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--state", paramLabel = "<dir>",
            description = "State directory (default: a new temporary directory); with several runs, one "
                    + "sub-directory per run.")
    Path state;

    @Option(names = "--replay", paramLabel = "<path>", split = ",",
            description = "Replay measured data instead of simulating: folders of study CSV files or single files "
                    + "(e.g. ../shared/datasets/jetson-tx2), each file named by its stem. Regret and MAPE are against "
                    + "the measured data (the per-configuration median of repeated runs).")
    List<Path> replay;

    @Option(names = {"--source", "--sources"}, paramLabel = "<name>", split = ",",
            description = "With --replay: the files (stems) profiled into the store before the targets, e.g. "
                    + "inceptionv3_600x600 or xavier_xception_source (default: inceptionv3_600x600 when present).")
    List<String> sources = List.of();

    @Option(names = {"--target", "--targets"}, paramLabel = "<name>", split = ",",
            description = "With --replay: the files the daemon adapts to, in order (default: every other file with "
                    + "the first source's options). A target on another board, or with other measured "
                    + "configurations, restarts the daemon on its own device.")
    List<String> targets = List.of();

    @Option(names = "--pairwise",
            description = "With --replay: each source alone (every file when no --source is named) in its own store, "
                    + "adapted to each target.")
    boolean pairwise;

    @Option(names = "--max-sources", paramLabel = "<n>",
            description = "Stored environments one session transfers from at most (store.maxSources, 1-"
                    + StoreSettings.MAX_SOURCES_LIMIT + "; default: the configured default).")
    Integer maxSources;

    @Option(names = "--out", paramLabel = "<file.csv>", description = "Also write the summary as CSV to this file.")
    Path csv;

    private record Choice(ObjectiveSettings settings, String scoreName) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Choice> choices = objectives.stream().map(this::objective).toList();
        List<Budget> budgetList = budgets.stream().map(this::budget).toList();
        if (maxSources != null) {
            checkedMaxSources();
        }
        List<ReplayScenario.Case> cases = List.of();
        if (replay != null) {
            ReplayData data;
            try {
                data = ReplayData.read(replay);
            } catch (DeviceException e) {
                throw new ParameterException(spec.commandLine(), "--replay: " + e.getMessage());
            }
            try {
                cases = ReplayScenario.plan(data, sources, targets, pairwise);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        } else if (!sources.isEmpty() || !targets.isEmpty() || pairwise) {
            throw new ParameterException(spec.commandLine(), "--source, --target and --pairwise need --replay");
        }
        Path base = state != null ? state : Files.createTempDirectory("tunerd-simulate");
        int runs = choices.size() * budgetList.size() * Math.max(1, cases.size());
        SourcePredictions predictions = new SourcePredictions();
        SimulationReport report = new SimulationReport();
        int expected = 0;
        int run = 0;
        for (Choice choice : choices) {
            for (Budget budget : budgetList) {
                for (int k = 0; k < Math.max(1, cases.size()); k++) {
                    run++;
                    Path dir = runs == 1 ? base : base.resolve("run-" + run);
                    TunerConfig config = config(dir, choice.settings(), budget);
                    var goal = choice.settings().toObjective();
                    out.printf("%stunerd simulate%s: policy %s, strategy %s, learner %s, %s measurements per adaptation, "
                                    + "up to %d sources, seed %d%n", run > 1 ? "\n" : "",
                            runs > 1 ? " run " + run + " of " + runs : "", goal, config.policy().strategy(),
                            config.policy().learner(), budget, config.store().maxSources(), seed);
                    out.printf("state directory: %s%n%n", dir);
                    SimulationPrinter printer = new SimulationPrinter(out, goal, choice.scoreName(), predictions);
                    if (cases.isEmpty()) {
                        List<SimulationPrinter.Adaptation> done = SimulatedScenario.run(out, config, printer, seedDnn, seedSize,
                                noise, seed);
                        expected += SimulatedScenario.ADAPTATIONS;
                        for (SimulationPrinter.Adaptation a : done) {
                            report.add(new SimulationReport.Row(run, goal.toString(), budget.toString(), seed,
                                    a.outcome().source().map(Environment::toString).orElse("none"),
                                    a.environment().toString(), a));
                        }
                    } else {
                        ReplayScenario.Case c = cases.get(k);
                        expected += c.targets().size();
                        for (ReplayScenario.Result r : ReplayScenario.run(out, config, c, printer, seed)) {
                            report.add(new SimulationReport.Row(run, goal.toString(), budget.toString(), seed,
                                    r.source(), r.target(), r.adaptation()));
                        }
                    }
                }
            }
        }
        report.print(out);
        if (csv != null) {
            report.writeCsv(csv);
            out.printf("summary written to %s%n", csv);
        }
        out.flush();
        return report.rows().size() == expected ? 0 : 1;
    }

    private Choice objective(String text) {
        String kind = text.trim().toLowerCase(Locale.ROOT);
        if (latencySlo != null && !(latencySlo > 0 && latencySlo < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--latency-slo: expected a positive number of seconds, got "
                    + latencySlo);
        }
        return switch (kind) {
            case "min-energy" -> new Choice(ObjectiveSettings.minEnergy(), "energy");
            case "min-latency" -> new Choice(ObjectiveSettings.minLatency(), "latency");
            case "min-energy-under-latency-slo" -> {
                if (latencySlo == null) {
                    throw new ParameterException(spec.commandLine(), "--objective min-energy-under-latency-slo needs "
                            + "--latency-slo <seconds>");
                }
                yield new Choice(ObjectiveSettings.minEnergyUnderSlo(latencySlo), "energy within " + latencySlo + " s");
            }
            case "weighted" -> {
                if (weights.size() != 2 || weights.stream().anyMatch(w -> !(w >= 0) || w.isInfinite())
                        || weights.get(0) + weights.get(1) <= 0) {
                    throw new ParameterException(spec.commandLine(), "--weights: expected <latency>,<energy>, both "
                            + ">= 0 and not both 0, got " + weights);
                }
                yield new Choice(ObjectiveSettings.weighted(weights.get(0), weights.get(1)), "weighted score");
            }
            default -> throw new ParameterException(spec.commandLine(), "--objective: expected one of " + OBJECTIVES
                    + ", got '" + text + "'");
        };
    }

    private Budget budget(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("%")) {
                return Budget.ofFraction(Double.parseDouble(t.substring(0, t.length() - 1)) / 100);
            }
            if (t.contains(".")) {
                return Budget.ofFraction(Double.parseDouble(t));
            }
            return Budget.ofCount(Integer.parseInt(t));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--budget: expected a count >= 1 or a fraction in (0,1] "
                    + "(0.0244 or 2.44%), got '" + text + "'");
        }
    }

    private TunerConfig config(Path dir, ObjectiveSettings objective, Budget budget) {
        TunerConfig base = new ConfigLoader().defaults();
        PolicySettings policy = new PolicySettings(objective,
                strategy != null ? strategy.toLowerCase(Locale.ROOT) : base.policy().strategy(),
                learner != null ? learner.toLowerCase(Locale.ROOT) : base.policy().learner(),
                budget, base.policy().constraints());
        return new TunerConfig(base.deviceId(), base.device(), base.workload(), policy, base.retune(),
                new KafkaSettings(false, base.kafka().bootstrapServers(), base.kafka().clientId(), base.kafka().topics(),
                        Map.of(), false),
                new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir, base.store().similarity())
                        .withMaxSources(maxSources != null ? maxSources : base.store().maxSources()));
    }

    private void checkedMaxSources() {
        if (maxSources < 1 || maxSources > StoreSettings.MAX_SOURCES_LIMIT) {
            throw new ParameterException(spec.commandLine(), "--max-sources: expected 1 to "
                    + StoreSettings.MAX_SOURCES_LIMIT + ", got " + maxSources);
        }
    }

    /** {@code c} with the start-up workload of {@code environment} (measured once, no settle time). */
    static TunerConfig withWorkload(TunerConfig c, Environment environment) {
        return withWorkload(c, environment, c.workload().options());
    }

    /** {@code c} with the start-up workload of {@code environment} and the software options {@code options}. */
    static TunerConfig withWorkload(TunerConfig c, Environment environment,
                                    org.tunerd.daemon.device.software.SoftwareOptions options) {
        WorkloadSettings workload = new WorkloadSettings(environment.dnn(), environment.width(), environment.height(),
                environment.attributes(), Optional.empty(), 0, 1, Duration.ZERO, Optional.empty(), options);
        return new TunerConfig(c.deviceId(), c.device(), workload, c.policy(), c.retune(), c.kafka(), c.http(), c.store());
    }
}
