package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Tunerd.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private static String data() {
        String base = System.getProperty("tunerd.datasets", "../../shared/datasets");
        return Path.of(base, "jetson-tx2").toString();
    }

    @Test
    void runsASmallStudyAndWritesCsv(@TempDir Path dir) throws Exception {
        int code = run("evaluate", "--data", data(), "--targets", "xception_200x200", "--strategies", "DM,LMS",
                "--learners", "rt", "--repetitions", "2", "--budget", "19", "--seed", "3", "--progress", "never",
                "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String md = out.toString();
        assertTrue(md.contains("| strategy | learner | latency MAPE %"), md);
        assertTrue(md.contains("| LMS | rt |") && md.contains("| DM | rt |"), md);
        assertTrue(md.contains("Source inceptionv3_600x600; targets xception_200x200; budget 19"), md);
        assertEquals(1 + 2 * 2 * 2, Files.readAllLines(dir.resolve("study-repetitions.csv")).size());
        assertTrue(Files.exists(dir.resolve("study-aggregates.csv")));
    }

    @Test
    void badInputGetsAClearErrorAndExitCode2() {
        assertEquals(2, run("evaluate", "--data", data(), "--source", "resnet", "--progress", "never"));
        assertTrue(err.toString().contains("no data set 'resnet'") && err.toString().contains("xception_200x200"),
                err.toString());
        assertEquals(2, run("evaluate", "--data", data(), "--strategies", "magic", "--progress", "never"));
        assertTrue(err.toString().contains("unknown transfer strategy 'magic'"), err.toString());
        assertEquals(2, run("evaluate", "--data", "/nonexistent/folder"));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertEquals(2, run("evaluate", "--data", data(), "--budget", "lots"));
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(out.toString().contains("--budget") && out.toString().contains("--strategies"), out.toString());
    }
}
