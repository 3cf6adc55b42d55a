package org.tunerd.study.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Budget;

/** Writes a study's results as CSV files and a Markdown table. */
public final class StudyReport {

    /** File name of the per-repetition CSV. */
    public static final String REPETITIONS_CSV = "study-repetitions.csv";
    /** File name of the aggregated CSV. */
    public static final String AGGREGATES_CSV = "study-aggregates.csv";

    private StudyReport() {
    }

    /** One line per repetition and metric. */
    public static String repetitionsCsv(StudyResult result) {
        StringBuilder sb = new StringBuilder(
                "source,target,strategy,learner,repetition,metric,samples,mape,nmse,regret,seconds\n");
        for (RepetitionResult r : result.rows()) {
            sb.append(String.join(",", r.source(), r.target(), r.strategy(), r.learner(),
                    Integer.toString(r.repetition()), r.metric().key(), Integer.toString(r.samples()), num(r.mape()),
                    num(r.nmse()), num(r.regret()), num(r.seconds()))).append('\n');
        }
        return sb.toString();
    }

    /** One line per target (and {@code all}), strategy, learner and metric: mean and sample sd. */
    public static String aggregatesCsv(StudyResult result) {
        StringBuilder sb = new StringBuilder("source,target,strategy,learner,metric,repetitions,mape_mean,mape_sd,"
                + "nmse_mean,nmse_sd,regret_mean,regret_sd\n");
        for (Aggregate a : result.aggregates()) {
            sb.append(String.join(",", result.source(), a.target(), a.strategy(), a.learner(), a.metric().key(),
                    Integer.toString(a.n()), num(a.mapeMean()), num(a.mapeSd()), num(a.nmseMean()), num(a.nmseSd()),
                    num(a.regretMean()), num(a.regretSd()))).append('\n');
        }
        return sb.toString();
    }

    /** Writes both CSV files into {@code directory} (created if missing); returns their paths. */
    public static List<Path> writeCsv(StudyResult result, Path directory) {
        try {
            Files.createDirectories(directory);
            Path reps = directory.resolve(REPETITIONS_CSV);
            Path aggs = directory.resolve(AGGREGATES_CSV);
            Files.writeString(reps, repetitionsCsv(result), StandardCharsets.UTF_8);
            Files.writeString(aggs, aggregatesCsv(result), StandardCharsets.UTF_8);
            return List.of(reps, aggs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write study results to " + directory, e);
        }
    }

    /** The budget as the report shows it: the count, or the fraction in percent to four digits ({@code 2.440%}). */
    static String label(Budget budget) {
        return budget.isFraction() ? String.format(Locale.ROOT, "%.4g%%", 100 * budget.fraction())
                : Integer.toString(budget.count());
    }

    /**
     * A Markdown summary: for each strategy and learner, MAPE and regret (mean ± sd over every target
     * and repetition) for latency and energy, then the mean MAPE per target.
     */
    public static String markdown(StudyResult result) {
        StudySettings s = result.settings();
        List<String> targets = new ArrayList<>(new LinkedHashSet<>(result.rows().stream().map(RepetitionResult::target)
                .toList()));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Source %s; targets %s; budget %s (%d samples); %d repetitions; seed %d.%n%n",
                result.source(), String.join(", ", targets), label(s.budget()),
                result.rows().stream().filter(r -> !r.strategy().equals("DM")).mapToInt(RepetitionResult::samples)
                        .max().orElse(0), s.repetitions(), s.seed()));
        sb.append("Mean ± sd over targets and repetitions. MAPE and NMSE over every measured target configuration; "
                + "regret: true value of the predicted-best configuration against the best measured one.\n\n");
        sb.append("| strategy | learner | latency MAPE % | latency regret % | energy MAPE % | energy regret % "
                + "| latency NMSE | energy NMSE |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String strategy : strategies(result)) {
            for (String learner : learners(result)) {
                Aggregate l = result.pooled(strategy, learner, Metric.LATENCY);
                Aggregate e = result.pooled(strategy, learner, Metric.ENERGY);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", strategy, learner,
                        pm(l.mapeMean(), l.mapeSd()), pm(l.regretMean(), l.regretSd()), pm(e.mapeMean(), e.mapeSd()),
                        pm(e.regretMean(), e.regretSd()), pm(l.nmseMean(), l.nmseSd(), 3),
                        pm(e.nmseMean(), e.nmseSd(), 3)));
            }
        }
        sb.append("\nMean MAPE % per target (latency / energy):\n\n| strategy | learner |");
        targets.forEach(t -> sb.append(' ').append(t).append(" |"));
        sb.append("\n|---|---|");
        targets.forEach(t -> sb.append("---:|"));
        sb.append('\n');
        List<Aggregate> aggregates = result.aggregates();
        for (String strategy : strategies(result)) {
            for (String learner : learners(result)) {
                sb.append("| ").append(strategy).append(" | ").append(learner).append(" |");
                for (String t : targets) {
                    double lat = find(aggregates, t, strategy, learner, Metric.LATENCY).mapeMean();
                    double en = find(aggregates, t, strategy, learner, Metric.ENERGY).mapeMean();
                    sb.append(String.format(Locale.ROOT, " %.1f / %.1f |", lat, en));
                }
                sb.append('\n');
            }
        }
        sb.append(String.format(Locale.ROOT, "%nSource models fitted in %.2f s; whole study %.2f s.%n",
                result.sourceSeconds(), result.seconds()));
        return sb.toString();
    }

    private static Aggregate find(List<Aggregate> all, String target, String strategy, String learner, Metric metric) {
        return all.stream().filter(a -> a.target().equals(target) && a.strategy().equals(strategy)
                && a.learner().equals(learner) && a.metric() == metric).findFirst().orElseThrow();
    }

    private static List<String> strategies(StudyResult r) {
        return List.copyOf(new LinkedHashSet<>(r.rows().stream().map(RepetitionResult::strategy).toList()));
    }

    private static List<String> learners(StudyResult r) {
        return List.copyOf(new LinkedHashSet<>(r.rows().stream().map(RepetitionResult::learner).toList()));
    }

    private static String pm(double mean, double sd) {
        return pm(mean, sd, 1);
    }

    private static String pm(double mean, double sd, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, sd);
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
