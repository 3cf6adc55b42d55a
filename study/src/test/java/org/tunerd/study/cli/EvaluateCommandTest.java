package org.tunerd.study.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.cli.CliRun;
import org.tunerd.models.Datasets;

class EvaluateCommandTest {

    private final CliRun cli = new CliRun(TunerdStudy::commandLine);

    private int run(String... args) {
        return cli.run(args);
    }

    private static String data() {
        return Datasets.tx2().toString();
    }

    @Test
    void runsASmallStudyAndWritesCsv(@TempDir Path dir) throws Exception {
        int code = run("evaluate", "--data", data(), "--targets", "xception_200x200", "--strategies", "DM,LMS",
                "--learners", "rt", "--repetitions", "2", "--budget", "19", "--seed", "3", "--progress", "never",
                "--adapt-seeds", "1",
                "--out", dir.toString());
        assertEquals(0, code, cli.err());
        String md = cli.out();
        assertTrue(md.contains("| strategy | learner | latency MAPE %"), md);
        assertTrue(md.contains("| LMS | rt |") && md.contains("| DM | rt |"), md);
        assertTrue(md.contains("Source inceptionv3_600x600; targets xception_200x200; budget 19"), md);
        assertEquals(1 + 2 * 2 * 2, Files.readAllLines(dir.resolve("study-repetitions.csv")).size());
        assertTrue(Files.exists(dir.resolve("study-aggregates.csv")));
        assertTrue(md.contains("# Adaptation study (budget 19, 1 seeds"), "the default runs both studies: " + md);
    }

    @Test
    void badInputGetsAClearErrorAndExitCode2() {
        assertEquals(2, run("evaluate", "--data", data(), "--source", "resnet", "--progress", "never"));
        assertTrue(cli.err().contains("no data set 'resnet'") && cli.err().contains("xception_200x200"),
                cli.err());
        assertEquals(2, run("evaluate", "--data", data(), "--strategies", "magic", "--progress", "never"));
        assertTrue(cli.err().contains("unknown transfer strategy 'magic'"), cli.err());
        assertEquals(2, run("evaluate", "--data", "/nonexistent/folder"));
        assertTrue(cli.err().contains("does not exist"), cli.err());
        assertEquals(2, run("evaluate", "--data", data(), "--budget", "lots"));
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(cli.out().contains("--budget") && cli.out().contains("--strategies"), cli.out());
    }
}
