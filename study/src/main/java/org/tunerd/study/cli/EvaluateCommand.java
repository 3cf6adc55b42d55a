package org.tunerd.study.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.cli.ProgressBar;
import org.tunerd.models.data.DatasetFormatException;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.space.Budget;
import org.tunerd.models.transfer.Strategies;
import org.tunerd.study.eval.Study;
import org.tunerd.study.eval.StudyReport;
import org.tunerd.study.eval.StudyResult;
import org.tunerd.study.eval.StudySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd-study evaluate}: the offline transfer-learning study over a folder of measured data sets. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the offline transfer study: source x targets x strategies x learners x repetitions, for latency "
                + "and energy, on measured data sets (the study's CSV layouts).",
            "Prints a Markdown table on stdout; writes per-repetition and aggregated CSV with --out."},
        footer = {"", "Example (the documented study):",
            "  tunerd-study evaluate --source inceptionv3_600x600 --targets xception_200x200,xception_400x400,"
                + "xception_600x600,xception_800x800"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "<folder>", description = "Folder of measurement CSV files "
            + "(default: ${DEFAULT-VALUE}, relative to the working directory).")
    Path data = Path.of("..", "shared", "datasets", "jetson-tx2");

    @Option(names = "--source", paramLabel = "<name>", description = "Source data set: a file name without "
            + ".csv (default: ${DEFAULT-VALUE}).")
    String source = "inceptionv3_600x600";

    @Option(names = "--targets", split = ",", paramLabel = "<name>",
            description = "Target data sets, comma-separated (default: every other CSV file in --data).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--strategies", split = ",", paramLabel = "<name>",
            description = "Transfer strategies, any of ${COMPLETION-CANDIDATES} (default: all).",
            completionCandidates = StrategyNames.class)
    List<String> strategies = new ArrayList<>(Strategies.NAMES);

    @Option(names = "--learners", split = ",", paramLabel = "<name>",
            description = "Learners, any of ${COMPLETION-CANDIDATES} (default: all).",
            completionCandidates = LearnerNames.class)
    List<String> learners = new ArrayList<>(Learners.NAMES);

    @Option(names = "--repetitions", paramLabel = "<n>", description = "Repetitions (default: ${DEFAULT-VALUE}).")
    int repetitions = 10;

    @Option(names = "--budget", paramLabel = "<fraction|count>", description = "Target measurements per repetition: "
            + "a fraction of the target's configurations like 0.0244 (the study's 2.44%%, 19 of 768) or a count "
            + "like 19 (default: ${DEFAULT-VALUE}).")
    String budget = "0.0244";

    @Option(names = "--seed", paramLabel = "<n>", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--threads", paramLabel = "<n>",
            description = "Worker threads; results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--out", paramLabel = "<dir>", description = "Write " + StudyReport.REPETITIONS_CSV + " and "
            + StudyReport.AGGREGATES_CSV + " into this folder.")
    Path out;

    @Option(names = "--progress", paramLabel = "<when>", description = "Progress bar on stderr: auto (when "
            + "attached to a terminal), always or never (default: ${DEFAULT-VALUE}).")
    String progress = "auto";

    @picocli.CommandLine.Mixin
    AdaptEvaluation adapt = new AdaptEvaluation();

    @Option(names = {"-v", "--verbose"}, description = "Log the study's progress (INFO) on stderr.")
    boolean verbose;

    static final class StrategyNames extends ArrayList<String> {
        StrategyNames() {
            super(Strategies.NAMES);
        }
    }

    static final class LearnerNames extends ArrayList<String> {
        LearnerNames() {
            super(Learners.NAMES);
        }
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        quietLibraries(verbose);
        try {
            StudySettings settings = new StudySettings(strategies, learners, repetitions, Budget.parse(budget), seed,
                    threads);
            boolean bar = switch (progress.toLowerCase(Locale.ROOT)) {
                case "auto" -> ProgressBar.stderrIsTerminal();
                case "always" -> true;
                case "never" -> false;
                default -> throw new IllegalArgumentException("--progress must be auto, always or never, got '"
                        + progress + "'");
            };
            Path folder = data.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("data folder " + folder + " does not exist (set --data)");
            }
            MeasurementSet sourceSet = read(folder, source);
            List<String> targetNames = targets.isEmpty() ? otherFiles(folder, source) : targets;
            if (targetNames.isEmpty()) {
                throw new IllegalArgumentException("no target data sets in " + folder + " besides " + source);
            }
            List<MeasurementSet> targetSets = new ArrayList<>();
            for (String t : targetNames) {
                targetSets.add(read(folder, t));
            }
            if (!adapt.classic()) {
                adapt.run(sourceSet, targetSets, Budget.parse(budget), out, stdout, stderr);
                return 0;
            }
            ProgressBar progressBar = bar ? new ProgressBar(stderr) : null;
            StudyResult result = new Study(settings).run(sourceSet, targetSets,
                    progressBar == null ? Study.Progress.NONE : progressBar::update);
            if (progressBar != null) {
                progressBar.finish();
            }
            stdout.print(StudyReport.markdown(result));
            stdout.flush();
            if (out != null) {
                for (Path p : StudyReport.writeCsv(result, out)) {
                    stderr.println("wrote " + p);
                }
            }
            stderr.flush();
            if (adapt.adapt()) {
                adapt.run(sourceSet, targetSets, Budget.parse(budget), out, stdout, stderr);
            }
            return 0;
        } catch (IllegalArgumentException | DatasetFormatException | UncheckedIOException e) {
            stderr.println("tunerd-study evaluate: " + e.getMessage());
            stderr.flush();
            return 2;
        }
    }

    private static MeasurementSet read(Path folder, String name) {
        Path file = folder.resolve(name.endsWith(".csv") ? name : name + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no data set '" + name + "': " + file + " does not exist; "
                    + "available: " + otherFiles(folder, ""));
        }
        return StudyCsvReader.read(file);
    }

    private static List<String> otherFiles(Path folder, String exclude) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(n -> !n.equals(exclude.replace(".csv", "")))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Smile logs per tree and epoch; the study logs progress at INFO. Shown only with --verbose. */
    private static void quietLibraries(boolean verbose) {
        if (LoggerFactory.getLogger("smile") instanceof Logger smile) {
            smile.setLevel(Level.WARN);
        }
        for (String name : new String[] {"org.tunerd.models", "org.tunerd.study"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(verbose ? Level.INFO : Level.WARN);
            }
        }
    }
}
