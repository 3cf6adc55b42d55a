package org.tunerd.study.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.cli.CliRun;
import org.tunerd.models.Datasets;

class AdaptEvaluationTest {

    private final CliRun cli = new CliRun(TunerdStudy::commandLine);

    private int run(String... args) {
        return cli.run(args);
    }

    private static String data() {
        return Datasets.tx2().toString();
    }

    @Test
    void adaptStudyPrintsTablesAndWritesCurvesAndPlots(@TempDir Path dir) throws Exception {
        int code = run("evaluate", "--data", data(), "--targets", "xception_400x400,xception_600x600", "--study",
                "adapt", "--adapt-seeds", "2", "--budget", "10", "--target-fraction", "0.5", "--out", dir.toString(),
                "--progress", "never");
        assertEquals(0, code, cli.err());
        String md = cli.out();
        assertTrue(md.contains("# Adaptation study (budget 10, 2 seeds, target fraction 0.5)"), md);
        assertTrue(md.contains("| stacked-gp | maximin |") && md.contains("| seq-ei | min energy |"), md);
        assertTrue(md.contains("Latency-SLO policy") && md.contains("hypervolume ratio"), md);
        assertTrue(md.contains("## Source selection"), md);
        assertFalse(md.contains("| strategy | learner |"), "--study adapt skips the classic study");
        assertTrue(Files.readAllLines(dir.resolve("regret.csv")).size() > 1);
        assertTrue(Files.exists(dir.resolve("regret-min-energy.svg")));
        assertTrue(Files.exists(dir.resolve("pareto-tx2_xception_600x600.svg")));
        assertTrue(cli.err().contains("adapt study: tx2_xception_400x400: prediction done"), cli.err());
    }

    @Test
    void rejectsUnknownStudy() {
        assertEquals(2, run("evaluate", "--data", data(), "--study", "everything", "--progress", "never"));
        assertTrue(cli.err().contains("--study must be classic, adapt or both"), cli.err());
    }
}
