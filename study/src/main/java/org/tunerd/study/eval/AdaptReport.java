package org.tunerd.study.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.tunerd.models.data.Metric;

/** Formats an {@link AdaptStudy.Result}: a Markdown summary averaged over targets, and CSV files of every row. */
public final class AdaptReport {

    private AdaptReport() {
    }

    /** The Markdown summary: MAPE, regret at the given budgets, the SLO policy and the Pareto hypervolume ratio. */
    public static String markdown(AdaptStudy.Result r, int... budgets) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Prediction error (MAPE %, mean over targets and seeds, on the unmeasured candidates)\n\n");
        sb.append("| predictor | design | latency | energy |\n| --- | --- | ---: | ---: |\n");
        Map<String, double[]> mape = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (AdaptStudy.MapeRow row : r.mape()) {
            String key = row.predictor() + " | " + row.design();
            mape.computeIfAbsent(key, k -> new double[2])[row.metric().ordinal()] += row.mape();
            counts.computeIfAbsent(key, k -> new int[2])[row.metric().ordinal()]++;
        }
        mape.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", k,
                v[0] / counts.get(k)[0], v[1] / counts.get(k)[1])));

        sb.append("\n## Optimisation regret (%, mean over targets and seeds; worst run in brackets)\n\n");
        sb.append("| optimiser | goal |");
        for (int b : budgets) {
            sb.append(" at ").append(b).append(" |");
        }
        sb.append("\n| --- | --- |").append(" ---: |".repeat(budgets.length)).append('\n');
        Map<String, List<AdaptStudy.RegretRow>> byKey = group(r.regret(), x -> x.optimiser() + " | " + x.goal());
        byKey.forEach((k, rows) -> {
            sb.append("| ").append(k).append(" |");
            for (int b : budgets) {
                List<AdaptStudy.RegretRow> at = rows.stream().filter(x -> x.measurements() == b).toList();
                sb.append(String.format(Locale.ROOT, " %.2f (%.1f) |", mean(at, AdaptStudy.RegretRow::meanRegret),
                        at.stream().mapToDouble(AdaptStudy.RegretRow::maxRegret).max().orElse(Double.NaN)));
            }
            sb.append('\n');
        });

        sb.append("\n## Measurements used (mean; below the budget only when a stopping rule fired)\n\n");
        sb.append("| optimiser | goal | measurements |\n| --- | --- | ---: |\n");
        group(r.usage(), x -> x.optimiser() + " | " + x.goal()).forEach((k, rows) -> sb.append(String.format(
                Locale.ROOT, "| %s | %.1f |%n", k, mean(rows, AdaptStudy.UsageRow::meanMeasurements))));

        sb.append("\n## Latency-SLO policy (min energy with latency <= the target's median)\n\n");
        sb.append("| optimiser | measurements | runs meeting the bound | energy above best feasible, mean % | worst % |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: |\n");
        Map<String, List<AdaptStudy.SloRow>> slo = group(r.slo(), AdaptStudy.SloRow::optimiser);
        slo.forEach((k, rows) -> {
            for (int b : budgets) {
                List<AdaptStudy.SloRow> at = rows.stream().filter(x -> x.measurements() == b).toList();
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.2f | %.1f |%n", k, b,
                        100 * mean(at, AdaptStudy.SloRow::metShare), mean(at, AdaptStudy.SloRow::meanExcess),
                        at.stream().mapToDouble(AdaptStudy.SloRow::maxExcess).max().orElse(Double.NaN)));
            }
        });

        sb.append("\n## Pareto front (hypervolume of the predicted front's true points / true front; maximin design)\n\n");
        sb.append("| predictor | hypervolume ratio |\n| --- | ---: |\n");
        group(r.pareto(), AdaptStudy.ParetoRow::predictor).forEach((k, rows) -> sb.append(String.format(Locale.ROOT,
                "| %s | %.4f |%n", k, mean(rows, AdaptStudy.ParetoRow::hypervolumeRatio))));
        return sb.toString();
    }

    /** Writes {@code mape.csv}, {@code regret.csv}, {@code slo.csv} and {@code pareto.csv} into {@code folder}. */
    public static void writeCsv(AdaptStudy.Result r, Path folder) {
        List<String> mape = new ArrayList<>(List.of("predictor,design,target,metric,mape"));
        r.mape().forEach(x -> mape.add(String.join(",", x.predictor(), x.design(), x.target(), x.metric().key(),
                num(x.mape()))));
        List<String> regret = new ArrayList<>(List.of("optimiser,target,goal,measurements,mean_regret,max_regret"));
        r.regret().forEach(x -> regret.add(String.join(",", x.optimiser(), x.target(), x.goal(),
                Integer.toString(x.measurements()), num(x.meanRegret()), num(x.maxRegret()))));
        List<String> slo = new ArrayList<>(List.of("optimiser,target,measurements,met_share,mean_excess,max_excess"));
        r.slo().forEach(x -> slo.add(String.join(",", x.optimiser(), x.target(), Integer.toString(x.measurements()),
                num(x.metShare()), num(x.meanExcess()), num(x.maxExcess()))));
        List<String> pareto = new ArrayList<>(List.of("predictor,target,hypervolume_ratio"));
        r.pareto().forEach(x -> pareto.add(String.join(",", x.predictor(), x.target(), num(x.hypervolumeRatio()))));
        write(folder.resolve("mape.csv"), mape);
        write(folder.resolve("regret.csv"), regret);
        write(folder.resolve("slo.csv"), slo);
        write(folder.resolve("pareto.csv"), pareto);
    }

    /** Mean MAPE of a predictor and design over targets, for one metric. */
    public static double meanMape(AdaptStudy.Result r, String predictor, String design, Metric metric) {
        return mean(r.mape().stream().filter(x -> x.predictor().equals(predictor) && x.design().equals(design)
                && x.metric() == metric).toList(), AdaptStudy.MapeRow::mape);
    }

    /** Mean regret of an optimiser over targets, for one goal and budget. */
    public static double meanRegret(AdaptStudy.Result r, String optimiser, String goal, int measurements) {
        return mean(r.regret().stream().filter(x -> x.optimiser().equals(optimiser) && x.goal().equals(goal)
                && x.measurements() == measurements).toList(), AdaptStudy.RegretRow::meanRegret);
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static <T> double mean(List<T> rows, ToDoubleFunction<T> f) {
        return rows.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static <T> Map<String, List<T>> group(List<T> rows, Function<T, String> key) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        rows.forEach(x -> out.computeIfAbsent(key.apply(x), k -> new ArrayList<>()).add(x));
        return out;
    }
}
