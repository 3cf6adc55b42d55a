package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.data.StudyCsvReader;

class SimulateCommandTest {

    private final CliRun cli = new CliRun();

    @TempDir
    Path state;

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void replaySeedsEveryNamedSourceAndAdaptsToTheRest() {
        int rc = run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(), "--budget", "6",
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_800x800",
                "--max-sources", "2");
        assertEquals(0, rc, cli.err());
        String text = cli.out();
        assertEquals(4, text.split("seeding the store", -1).length - 1, text);
        assertTrue(text.contains("transfer from TX2/xception/800x800 (models also from [TX2/xception/400x400])"), text);
        assertTrue(text.contains("model MAPE:"), text);
        assertTrue(text.contains("inceptionv3_600x600+xception_200x200+xception_400x400+xception_800x800 -> xception_600x600"), text);
    }

    @Test
    void unknownSourcesAndAnEmptyTargetListAreRefusedByOption() {
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "xception_999x999"));
        assertTrue(cli.err().contains("--source: no file 'xception_999x999'"), cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--sources", "inceptionv3_600x600,xception_200x200,xception_400x400,xception_600x600,xception_800x800"));
        assertTrue(cli.err().contains("leave at least one out"), cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--max-sources", "0"));
        assertTrue(cli.err().contains("--max-sources: expected 1 to 16, got 0"), cli.err());
    }

    /** The CSV summary as one map per row, by column name. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals(SimulationReport.COLUMNS, List.of(lines.get(0).split(",")));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (char ch : line.toCharArray()) {
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                row.put(SimulationReport.COLUMNS.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Checks a row against the target's measured data: applied configuration measured, regret as recomputed. */
    private static void assertConsistent(Map<String, String> row, MeasurementSet target, Metric metric) {
        Measurement applied = target.measurements().stream()
                .filter(m -> m.configuration().toString().equals(row.get("applied"))).findFirst()
                .orElseThrow(() -> new AssertionError("applied configuration not measured: " + row));
        double best = target.best(metric).value(metric);
        assertEquals(100 * (applied.value(metric) / best - 1), Double.parseDouble(row.get("regret_pct")), 1e-3, row.toString());
        assertEquals(target.size(), Integer.parseInt(row.get("offered")), "the device offers what was measured");
        assertEquals("0", row.get("samples_without_truth"), "only offered configurations are measured");
        int samples = Integer.parseInt(row.get("samples"));
        assertTrue(Integer.parseInt(row.get("measurements")) > samples, "samples plus verification");
        double random = Double.parseDouble(row.get("random_expected_regret_pct"));
        double worst = 100 * (target.measurements().stream().mapToDouble(m -> m.value(metric)).max().orElseThrow() / best - 1);
        assertTrue(random > 0 && random < worst, "expected best of " + samples + " random draws: " + random);
        double sourceTop = Double.parseDouble(row.get("source_top_regret_pct"));
        assertTrue(sourceTop >= 0 && sourceTop <= worst, row.toString());
        assertTrue(Double.parseDouble(row.get("latency_mape_pct")) > 0, row.toString());
        assertEquals(target.size() - samples, Integer.parseInt(row.get("mape_rows")), "MAPE over the rows not measured");
        assertTrue(row.get("energy_unit").contains("units of the data"), row.get("energy_unit"));
    }

    @Test
    void replaysAGridSourceIntoASampledTargetOfTheSameBoard() throws IOException {
        Path out = state.resolve("summary.csv");
        int rc = run("simulate", "--replay", Datasets.tx2() + "," + Datasets.tx2Sampled(), "--state",
                state.resolve("s").toString(), "--source", "xception_200x200", "--target", "tx2_unknown_output1_raw",
                "--budget", "4", "--objective", "min-latency", "--seed", "3", "--out", out.toString());
        assertEquals(0, rc, cli.err());
        String text = cli.out();
        assertTrue(text.contains("transfer from TX2/xception/200x200"), text);
        assertTrue(text.contains("over the 181 configurations offered"), text);
        assertTrue(text.contains(" units   measured:") && !text.contains(" J "), "no joules claimed for study data");
        List<Map<String, String>> rows = csv(out);
        assertEquals(1, rows.size());
        assertEquals("tx2_unknown_output1_raw", rows.get(0).get("target"));
        assertEquals("3", rows.get(0).get("seed"));
        MeasurementSet target = StudyCsvReader.read(Datasets.tx2Sampled().resolve("tx2_unknown_output1_raw.csv"));
        assertConsistent(rows.get(0), target, Metric.LATENCY);
    }

    @Test
    void replaysABoardChangeFromXavierToTx2() throws IOException {
        Path out = state.resolve("board.csv");
        int rc = run("simulate", "--replay", Datasets.boardChange().toString(), "--state", state.resolve("b").toString(),
                "--source", "xavier_xception_source", "--target", "tx2_xception_5000img", "--budget", "3",
                "--objective", "min-energy", "--out", out.toString());
        assertEquals(0, rc, cli.err());
        String text = cli.out();
        assertTrue(text.contains("profiling Xavier/xception/NA on all 466 configurations of Xavier"), text);
        assertTrue(text.contains("restart on a new board: TX2 (416 configurations offered)"), text);
        assertTrue(text.contains("transfer from Xavier/xception/NA"), text);
        List<Map<String, String>> rows = csv(out);
        assertEquals(1, rows.size());
        assertEquals("TX2", rows.get(0).get("target_board"));
        assertEquals("1", rows.get(0).get("sources_used"));
        MeasurementSet target = StudyCsvReader.read(Datasets.boardChange().resolve("tx2_xception_5000img.csv"));
        assertConsistent(rows.get(0), target, Metric.ENERGY);
    }

    @Test
    void everyObjectiveRunsAndABoundCanBeMissed() throws IOException {
        Path out = state.resolve("objectives.csv");
        int rc = run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.resolve("o").toString(),
                "--source", "xception_600x600", "--target", "xception_200x200", "--budget", "3",
                "--objective", "weighted,min-energy-under-latency-slo", "--weights", "1,2", "--latency-slo", "0.3",
                "--out", out.toString());
        assertEquals(0, rc, cli.err());
        List<Map<String, String>> rows = csv(out);
        assertEquals(List.of("weighted latency:1.0 energy:2.0", "min-energy latency<=0.3s"),
                rows.stream().map(r -> r.get("objective")).toList());
        double miss = Double.parseDouble(rows.get(1).get("random_miss_probability"));
        assertTrue(miss > 0 && miss < 1, "some configurations of xception 200x200 are slower than 0.3 s: " + miss);
        assertTrue(cli.out().contains("energy within 0.3 s"), cli.out());
    }

    @Test
    void badReplayOptionsAreRefusedNamingTheOption() {
        assertNotEquals(0, run("simulate", "--replay", Datasets.boardChange().toString(), "--state", state.toString()));
        assertTrue(cli.err().contains("--source: name the file(s)") && cli.err().contains("xavier_xception_source"),
                cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2().toString(), "--state", state.toString(),
                "--target", "tx2_unknown_output1"));
        assertTrue(cli.err().contains("--target: no file 'tx2_unknown_output1'"), cli.err());
        assertNotEquals(0, run("simulate", "--replay", Datasets.tx2Sampled().toString(), "--state", state.toString(),
                "--source", "tx2_unknown_output1", "--target", "tx2_unknown_output1_raw"));
        assertTrue(cli.err().contains("holds TX2/unknown/NA like tx2_unknown_output1"), cli.err());
        assertNotEquals(0, run("simulate", "--objective", "min-energy-under-latency-slo", "--state", state.toString()));
        assertTrue(cli.err().contains("needs --latency-slo"), cli.err());
        assertNotEquals(0, run("simulate", "--budget", "0", "--state", state.toString()));
        assertTrue(cli.err().contains("--budget: expected a count"), cli.err());
        assertNotEquals(0, run("simulate", "--target", "x", "--state", state.toString()));
        assertTrue(cli.err().contains("need --replay"), cli.err());
    }
}
