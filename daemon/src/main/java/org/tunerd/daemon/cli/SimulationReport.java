package org.tunerd.daemon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The summary of {@code tunerd simulate}: one row per adaptation of every run (objective x budget x case),
 * as a table for people and as CSV for scripts ({@code --out}). Each row puts the regret of the applied
 * configuration and the model's MAPE next to the two baselines measured the same way (same target, same
 * offered configurations, as many measurements as the session's samples): the expected best of random
 * measurements and the best of the source's predicted top configurations.
 */
final class SimulationReport {

    /** CSV columns, in order; percentages are in %, {@code inf} marks a missed latency bound. */
    static final List<String> COLUMNS = List.of("run", "objective", "budget", "seed", "source", "target",
            "target_board", "offered", "samples", "measurements", "applied", "regret_pct", "random_expected_regret_pct",
            "random_miss_probability", "source_top_regret_pct", "latency_mape_pct", "energy_mape_pct", "mape_rows",
            "gain_vs_all_max_pct", "sources_used", "strategy", "samples_without_truth", "energy_unit");

    /** One adaptation of one run. */
    record Row(int run, String objective, String budget, long seed, String source, String target,
               SimulationPrinter.Adaptation adaptation) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the table. */
    void print(PrintWriter out) {
        out.printf("%nsummary (regret of the applied configuration, baselines with as many measurements as the "
                + "session's samples, model MAPE over the rows not measured):%n");
        int width = rows.stream().mapToInt(r -> r.source().length() + r.target().length() + 4).max().orElse(16);
        String format = "%-3s %-28s %6s %-" + width + "s %5s %8s %9s %9s %8s %8s %10s %7s %s%n";
        out.printf(format, "run", "objective", "budget", "source -> target", "meas.", "regret", "random-B",
                "src-top-B", "lat.MAPE", "en.MAPE", "vs all-max", "offered", "sources");
        for (Row r : rows) {
            SimulationPrinter.Adaptation a = r.adaptation();
            var o = a.outcome();
            String random = SimulationPrinter.percent(a.random().regretPercent())
                    + (a.random().missProbability() > 0
                    ? String.format(Locale.ROOT, "/m%.0f%%", 100 * a.random().missProbability()) : "");
            out.printf(Locale.ROOT, format, r.run(), r.objective(), r.budget(), r.source() + " -> " + r.target(),
                    o.measurementsUsed(), SimulationPrinter.percent(a.regretPercent()), random,
                    a.sourceTop().isPresent() ? SimulationPrinter.percent(a.sourceTop().getAsDouble()) : "n/a",
                    String.format(Locale.ROOT, "%.2f%%", a.latencyMape()), String.format(Locale.ROOT, "%.2f%%", a.energyMape()),
                    Double.isNaN(a.gainPercent()) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", -a.gainPercent()),
                    a.offered(), o.source().map(s -> 1 + o.extraSources().size()).orElse(0));
        }
        if (rows.stream().anyMatch(r -> r.adaptation().random().missProbability() > 0)) {
            out.printf("(random-B \"/mX%%\": probability X that no random measurement meets the latency bound; "
                    + "\"miss\": the configuration misses it)%n");
        }
        out.flush();
    }

    /** Writes the rows as CSV (header {@link #COLUMNS}) to {@code file}. */
    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", COLUMNS));
        for (Row r : rows) {
            SimulationPrinter.Adaptation a = r.adaptation();
            var o = a.outcome();
            lines.add(String.join(",", List.of(Integer.toString(r.run()), csv(r.objective()), csv(r.budget()),
                    Long.toString(r.seed()), csv(r.source()), csv(r.target()), csv(o.environment().hardware()),
                    Integer.toString(a.offered()), Integer.toString(o.samples().size()),
                    Integer.toString(o.measurementsUsed()), csv(o.applied().toString()), number(a.regretPercent()),
                    number(a.random().regretPercent()), number(a.random().missProbability()), number(a.sourceTop()),
                    number(a.latencyMape()), number(a.energyMape()), Integer.toString(a.mapeRows()),
                    number(a.gainPercent()), Integer.toString(o.source().map(s -> 1 + o.extraSources().size()).orElse(0)),
                    csv(o.strategy()), Integer.toString(a.samplesNotInTruth()), csv(a.energyUnit().description()))));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String number(OptionalDouble v) {
        return v.isPresent() ? number(v.getAsDouble()) : "";
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
