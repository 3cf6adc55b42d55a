package org.tunerd.study.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Budget;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.transfer.Strategies;

class StudyTest {

    static final MeasurementSet SOURCE = Datasets.read("inceptionv3_600x600");
    static final MeasurementSet TARGET = Datasets.read("xception_200x200");

    private static StudySettings settings(long seed, int threads) {
        return new StudySettings(Strategies.NAMES, List.of("rt", "ols"), 2, StudySettings.STUDY_BUDGET, seed, threads);
    }

    private static List<RepetitionResult> withoutTime(StudyResult r) {
        return r.rows().stream().map(x -> new RepetitionResult(x.source(), x.target(), x.strategy(), x.learner(),
                x.repetition(), x.metric(), x.samples(), x.mape(), x.nmse(), x.regret(), 0)).toList();
    }

    @Test
    void runsEveryCombinationDeterministicallyForASeed() {
        List<String> progress = new ArrayList<>();
        StudyResult a = new Study(settings(7, 1)).run(SOURCE, List.of(TARGET), (d, t, w) -> progress.add(d + "/" + t));
        int runs = Strategies.NAMES.size() * 2 * 2;
        assertEquals(runs * 2, a.rows().size(), "strategies x learners x repetitions x metrics");
        assertEquals(runs, progress.size());
        assertEquals(runs + "/" + runs, progress.get(runs - 1));
        assertTrue(a.rows().stream().filter(r -> !r.strategy().equals("DM")).allMatch(r -> r.samples() == 19));
        assertTrue(a.rows().stream().filter(r -> r.strategy().equals("DM")).allMatch(r -> r.samples() == 0));
        assertTrue(a.rows().stream().allMatch(r -> r.mape() >= 0 && r.regret() >= 0 && r.nmse() >= 0));

        StudyResult same = new Study(settings(7, 2)).run(SOURCE, List.of(TARGET), Study.Progress.NONE);
        assertEquals(withoutTime(a), withoutTime(same), "same seed, same results, whatever the thread count");
        StudyResult other = new Study(settings(8, 1)).run(SOURCE, List.of(TARGET), Study.Progress.NONE);
        assertNotEquals(withoutTime(a), withoutTime(other));
    }

    @Test
    void transferBeatsTheUnchangedSourceModelOnAScaledTarget() {
        StudyResult r = new Study(settings(3, 1)).run(SOURCE, List.of(TARGET), Study.Progress.NONE);
        // xception 200x200 is several times faster than inception 600x600: DM cannot be close in MAPE
        assertTrue(r.pooled("LMS", "rt", Metric.LATENCY).mapeMean() < r.pooled("DM", "rt", Metric.LATENCY).mapeMean());
    }

    @Test
    void writesCsvAndMarkdown(@TempDir Path dir) throws Exception {
        StudyResult r = new Study(new StudySettings(List.of("LMS", "DM"), List.of("rt"), 3, Budget.ofCount(10), 1, 1))
                .run(SOURCE, List.of(TARGET), Study.Progress.NONE);
        List<Path> files = StudyReport.writeCsv(r, dir.resolve("out"));
        List<String> reps = Files.readAllLines(files.get(0));
        assertEquals("source,target,strategy,learner,repetition,metric,samples,mape,nmse,regret,seconds", reps.get(0));
        assertEquals(1 + 2 * 3 * 2, reps.size());
        assertTrue(reps.get(1).startsWith("inceptionv3_600x600,xception_200x200,LMS,rt,0,latency,10,"), reps.get(1));
        List<String> aggs = Files.readAllLines(files.get(1));
        assertEquals(1 + 2 * 2 * 2, aggs.size(), "per target and pooled, per strategy and metric");
        String[] lms = aggs.get(1).split(",");
        assertEquals("3", lms[5]);
        double mean = r.rows().stream().filter(x -> x.strategy().equals("LMS") && x.metric() == Metric.LATENCY)
                .mapToDouble(RepetitionResult::mape).average().orElseThrow();
        assertEquals(mean, Double.parseDouble(lms[6]), 1e-9);

        String md = StudyReport.markdown(r);
        assertTrue(md.contains("| LMS | rt |") && md.contains("| DM | rt |"), md);
        assertTrue(md.contains("budget 10 (10 samples)"), md);
    }

    @Test
    void rejectsUnknownNamesAndDuplicateTargets() {
        assertThrows(IllegalArgumentException.class,
                () -> new StudySettings(List.of("XX"), List.of("rt"), 1, StudySettings.STUDY_BUDGET, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new StudySettings(List.of("DM"), List.of("svm"), 1, StudySettings.STUDY_BUDGET, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Study(settings(1, 1)).run(SOURCE,
                List.of(TARGET, TARGET), Study.Progress.NONE));
    }

    /**
     * Issue 10, point 6: from 1 sample up, every strategy gives finite results or refuses naming the target, the
     * strategy and its minimum; on the sampled TX2 target too (a wider value domain than the grid source).
     */
    @Test
    void everyStrategyWorksFromOneSampleUpOrRefusesNamingTargetStrategyAndMinimum() {
        MeasurementSet sampled = org.tunerd.models.data.StudyCsvReader.read(Datasets.tx2Sampled().resolve("tx2_unknown_output1.csv"));
        for (MeasurementSet target : List.of(TARGET, sampled)) {
            for (String strategy : Strategies.NAMES) {
                for (int budget = 1; budget <= 6; budget++) {
                    StudySettings s = new StudySettings(List.of(strategy), List.of("rt"), 2, Budget.ofCount(budget), 1, 1);
                    try {
                        StudyResult r = new Study(s).run(SOURCE, List.of(target), Study.Progress.NONE);
                        assertTrue(r.rows().stream().allMatch(x -> Double.isFinite(x.mape()) && Double.isFinite(x.regret())),
                                strategy + " at " + budget);
                    } catch (IllegalArgumentException refused) {
                        String m = refused.getMessage();
                        assertTrue(m.contains("target " + Study.name(target)) && m.contains("strategy " + strategy)
                                && m.matches(".*needs at least \\d+.*"), m);
                        assertTrue(budget < 2, strategy + " refuses " + budget + " samples: " + m);
                    }
                }
            }
        }
    }

    /** A target row without energy is named with its categorical software option by label, not by code. */
    @Test
    void aRowWithoutEnergyIsNamedWithItsCategoricalValueByLabel() {
        ConfigurationSpace space = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0, 3.0,
                4.0, 5.0, 6.0)), Option.categorical("precision", List.of("fp32", "fp16"))));
        List<Measurement> rows = space.stream().map(c -> new Measurement(c, c.get("cores"),
                c.get("cores") == 3 && c.get("precision") == 1 ? Double.NaN : 1.0)).toList();
        MeasurementSet target = new MeasurementSet(new Environment("TX2", "labelnet", 8, 8, Map.of()), space, rows);
        MeasurementSet source = new MeasurementSet(new Environment("TX2", "sourcenet", 8, 8, Map.of()), space,
                space.stream().map(c -> new Measurement(c, 2 * c.get("cores"), 1.0)).toList());
        StudySettings s = new StudySettings(List.of("DM"), List.of("rt"), 1, Budget.ofCount(6), 1, 1);
        String m = assertThrows(IllegalArgumentException.class,
                () -> new Study(s).run(source, List.of(target), Study.Progress.NONE)).getMessage();
        assertTrue(m.contains("has no energy for {cores=3, precision=fp16}"), m);
    }
}
