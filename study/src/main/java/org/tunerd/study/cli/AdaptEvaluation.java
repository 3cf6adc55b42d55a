package org.tunerd.study.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Budget;
import org.tunerd.study.eval.AdaptPlots;
import org.tunerd.study.eval.AdaptReport;
import org.tunerd.study.eval.AdaptStudy;
import org.tunerd.study.eval.SourceSelectionStudy;
import picocli.CommandLine.Option;

/**
 * The options of {@code tunerd-study evaluate} for the adaptation study (sequential optimisation, latency-SLO
 * policy, Pareto hypervolume, regret-vs-budget curves and SVG plots), and running it.
 */
public final class AdaptEvaluation {

    @Option(names = "--study", paramLabel = "<which>", description = "Which study to run: classic (strategies x "
            + "learners), adapt (sequential optimisers, SLO policy, Pareto front, regret curves, plots) or both "
            + "(default: ${DEFAULT-VALUE}).")
    String study = "both";

    @Option(names = "--adapt-seeds", paramLabel = "<n>", description = "Repetitions of the adapt study "
            + "(default: ${DEFAULT-VALUE}).")
    int seeds = 20;

    @Option(names = "--target-fraction", paramLabel = "<f>", description = "Adapt study: keep this random fraction "
            + "of each target's rows as its candidates, to mimic a target that samples a larger space "
            + "(default: ${DEFAULT-VALUE}).")
    double targetFraction = 1.0;

    @Option(names = "--pool-sources", description = "Adapt study: the predictors see every environment in the "
            + "data (the source and the other targets, never the target itself) as sources, as the daemon's store "
            + "would hold them; the optimisers still use --source alone.")
    boolean poolSources;

    boolean classic() {
        return check().equals("classic") || study.equalsIgnoreCase("both");
    }

    boolean adapt() {
        return check().equals("adapt") || study.equalsIgnoreCase("both");
    }

    private String check() {
        String s = study.toLowerCase(Locale.ROOT);
        if (!List.of("classic", "adapt", "both").contains(s)) {
            throw new IllegalArgumentException("--study must be classic, adapt or both, got '" + study + "'");
        }
        return s;
    }

    /**
     * Runs the adapt study at {@code budget} (resolved against the smallest target) and prints its Markdown
     * summary; with {@code out}, writes its CSV files and SVG plots there.
     */
    void run(MeasurementSet source, List<MeasurementSet> targets, Budget budget, Path out, PrintWriter stdout,
             PrintWriter stderr) {
        int smallest = targets.stream().mapToInt(MeasurementSet::size).min().orElseThrow();
        int count = budget.samples((int) Math.round(smallest * targetFraction));
        AdaptStudy.Settings settings = AdaptStudy.Settings.standard(count, seeds).withTargetFraction(targetFraction);
        stderr.printf(Locale.ROOT, "adapt study: %d targets, %d seeds, budget %d%n", targets.size(), seeds, count);
        stderr.flush();
        AdaptStudy.Result result = new AdaptStudy(settings).run(source, targets,
                poolSources ? targets : List.of(), line -> {
            stderr.println("adapt study: " + line);
            stderr.flush();
        });
        int[] budgets = count >= 10 ? new int[] {5, 10, count} : new int[] {Math.max(1, count / 2), count};
        stdout.print("\n# Adaptation study (budget " + count + ", " + seeds + " seeds, target fraction "
                + targetFraction + (poolSources ? ", predictors see every other environment as a source" : "")
                + ")\n\n");
        stdout.print(AdaptReport.markdown(result, java.util.Arrays.stream(budgets).distinct().toArray()));
        stdout.flush();
        if (targets.size() >= 2) {
            List<MeasurementSet> environments = new java.util.ArrayList<>(targets);
            environments.add(0, source);
            int probe = Math.max(1, Math.min(6, count / 3));
            var rows = new SourceSelectionStudy(count, probe, seeds).run(environments, line -> {
                stderr.println("adapt study: " + line);
                stderr.flush();
            });
            stdout.print("\n" + SourceSelectionStudy.markdown(rows, probe));
            stdout.flush();
        }
        if (out != null) {
            AdaptReport.writeCsv(result, out);
            stderr.println("wrote " + out.resolve("mape.csv") + ", regret.csv, slo.csv, pareto.csv");
            for (Path p : AdaptPlots.write(result, out)) {
                stderr.println("wrote " + p);
            }
            stderr.flush();
        }
    }
}
