package org.tunerd.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

class AdaptStudyTest {

    @TempDir
    Path dir;

    @Test
    void pooledSourcesChangeThePredictionsButNotTheOptimisersAndLeaveTheTargetOut() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        MeasurementSet target = Datasets.read("xception_600x600");
        MeasurementSet other = Datasets.read("xception_400x400");
        AdaptStudy.Settings standard = AdaptStudy.Settings.standard(8, 2).withTargetFraction(0.3);
        AdaptStudy.Settings settings = new AdaptStudy.Settings(8, 2, 0.3, List.of(
                org.tunerd.study.predictors.Predictors.standardSet().get(0)), standard.optimisers().subList(0, 1));
        AdaptStudy study = new AdaptStudy(settings);
        AdaptStudy.Result alone = study.run(source, List.of(target), s -> { });
        // the target in the pool is skipped, so pooling only the target changes nothing
        AdaptStudy.Result self = study.run(source, List.of(target), List.of(target), s -> { });
        AdaptStudy.Result pooled = study.run(source, List.of(target), List.of(target, other), s -> { });
        assertEquals(alone.mape(), self.mape());
        assertEquals(alone.regret(), pooled.regret());
        assertEquals(alone.slo(), pooled.slo());
        assertFalse(alone.mape().equals(pooled.mape()), "a second source must change the predictions");
    }

    @Test
    void smallStudyProducesConsistentCurvesTablesAndPlots() throws Exception {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        MeasurementSet target = Datasets.read("xception_600x600");
        List<String> progress = new ArrayList<>();
        AdaptStudy.Result r = new AdaptStudy(AdaptStudy.Settings.standard(8, 2).withTargetFraction(0.5))
                .run(source, List.of(target), progress::add);
        assertEquals(2, progress.size());

        // every optimiser's curve: one point per measurement, never increasing (best so far only improves)
        Map<String, List<AdaptStudy.RegretRow>> curves = r.regret().stream()
                .collect(Collectors.groupingBy(x -> x.optimiser() + x.goal()));
        assertTrue(curves.size() >= 2 * 5);
        curves.values().forEach(rows -> {
            assertEquals(8, rows.size());
            for (int k = 1; k < rows.size(); k++) {
                assertTrue(rows.get(k).meanRegret() <= rows.get(k - 1).meanRegret() + 1e-9, rows.toString());
                assertTrue(rows.get(k).meanRegret() >= 0);
            }
        });
        r.slo().forEach(x -> assertTrue(x.metShare() >= 0 && x.metShare() <= 1));
        r.pareto().forEach(x -> assertTrue(x.hypervolumeRatio() > 0.5 && x.hypervolumeRatio() <= 1 + 1e-9, x.toString()));
        double stacked = AdaptReport.meanMape(r, "stacked-gp", "maximin", Metric.LATENCY);
        double shift = AdaptReport.meanMape(r, "log-shift", "maximin", Metric.LATENCY);
        assertTrue(stacked < shift, stacked + " vs " + shift);

        String md = AdaptReport.markdown(r, 4, 8);
        assertTrue(md.contains("| stacked-gp | maximin |"));
        assertTrue(md.contains("Latency-SLO policy"));
        AdaptReport.writeCsv(r, dir);
        assertTrue(Files.readAllLines(dir.resolve("regret.csv")).get(0).startsWith("optimiser,target,goal,measurements"));
        List<Path> plots = AdaptPlots.write(r, dir);
        assertEquals(2 + 2, plots.size()); // one target x 2 plots + 2 regret curves
        var factory = DocumentBuilderFactory.newInstance();
        for (Path p : plots) {
            String svg = Files.readString(p);
            var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertFalse(svg.contains("NaN"), p + " has NaN coordinates");
        }
        assertTrue(Files.readString(dir.resolve("regret-min-energy.svg")).contains("seq-ei"));
    }

    @Test
    void sourceSelectionStudyLeavesEachEnvironmentOut() {
        List<MeasurementSet> envs = List.of(Datasets.read("inceptionv3_600x600"), Datasets.read("xception_400x400"),
                Datasets.read("xception_600x600"));
        List<SourceSelectionStudy.Row> rows = new SourceSelectionStudy(10, 4, 2).run(envs, s -> { });
        assertEquals(3, rows.size());
        for (SourceSelectionStudy.Row row : rows) {
            assertEquals(2, row.choices().values().stream().mapToInt(Integer::intValue).sum());
            assertFalse(row.choices().containsKey(row.target()), "a target is never its own source");
            for (int m = 0; m < 2; m++) {
                // per seed a different source may win, so only the single-source columns are ordered
                assertTrue(row.bestSingle()[m] <= row.meanSingle()[m] && row.meanSingle()[m] <= row.worstSingle()[m]);
                assertTrue(row.selected()[m] > 0 && row.selected()[m] < 50, "MAPE " + row.selected()[m]);
            }
        }
        assertTrue(SourceSelectionStudy.markdown(rows, 4).contains("| tx2_xception_400x400 |"));
    }

    @Test
    void svgTicksCoverTheRange() {
        List<Double> ticks = SvgChart.ticks(new double[] {0.3, 7.2}, false);
        assertTrue(ticks.size() >= 3);
        assertTrue(ticks.get(0) >= 0.3 && ticks.get(ticks.size() - 1) <= 7.2);
        List<Double> log = SvgChart.ticks(new double[] {0.05, 30}, true);
        assertTrue(log.contains(0.1) && log.contains(1.0) && log.contains(10.0));
    }
}
