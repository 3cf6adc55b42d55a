package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One line on stderr naming what is wrong, and an exit code per kind of error: usage 2, configuration 78, runtime 1. */
class ExitCodesTest {

    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    @org.junit.jupiter.api.AfterEach
    void undoVerbose() {
        // --verbose raised tunerd's loggers to DEBUG in this JVM: give later tests their configured levels back
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.tunerd")).setLevel(null);
    }

    private static void assertOneLineWithoutStack(String err) {
        assertEquals(1, err.lines().count(), "one line on stderr:\n" + err);
        assertFalse(err.contains("\tat ") || err.contains(" at org."), "no stack trace:\n" + err);
    }

    @Test
    void aBadConfigurationExits78WithOneLineNamingFileFieldAndValue_asARealProcess() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "policy:\n  budget: -3\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Tunerd.class.getName(), "run", "-c", bad.toString()));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tunerd run did not exit");
        assertEquals(Tunerd.EXIT_CONFIG, p.exitValue(), err);
        assertEquals("", out);
        assertOneLineWithoutStack(err);
        assertTrue(err.contains(bad.toString()) && err.contains("policy.budget") && err.contains("-3"), err);
        assertTrue(err.startsWith("tunerd run: configuration error: "), err);
    }

    @Test
    void configurationErrorsOfEveryCommandExit78AndVerboseAddsTheStackTrace() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "device: {backend: quantum}\n");
        assertEquals(78, cli.run("predict", "-c", bad.toString()));
        assertOneLineWithoutStack(cli.err());
        assertTrue(cli.err().contains("device.backend") && cli.err().contains("quantum"), cli.err());

        CliRun verbose = new CliRun();
        assertEquals(78, verbose.run("predict", "--verbose", "-c", bad.toString()));
        assertTrue(verbose.err().contains("\tat org.tunerd."), "--verbose prints the stack trace:\n" + verbose.err());

        CliRun missing = new CliRun();
        assertEquals(78, missing.run("profile", "-c", dir.resolve("nowhere.yaml").toString()));
        assertOneLineWithoutStack(missing.err());
        assertTrue(missing.err().contains("nowhere.yaml"), missing.err());
    }

    @Test
    void badOptionValuesAreUsageErrorsExiting2() {
        assertEquals(2, cli.run("predict", "--size", "big"));
        assertTrue(cli.err().contains("--size") && cli.err().contains("'big'"), cli.err());
        assertFalse(cli.err().contains("\tat "), cli.err());
        assertTrue(cli.err().contains("Try 'tunerd predict --help'"), cli.err());

        CliRun budget = new CliRun();
        assertEquals(2, budget.run("profile", "--budget", "2.5"));
        assertTrue(budget.err().contains("--budget") && budget.err().contains("'2.5'"), budget.err());

        CliRun unknown = new CliRun();
        assertEquals(2, unknown.run("predikt"));
        CliRun objective = new CliRun();
        assertEquals(2, objective.run("predict", "--state-dir", dir.toString(), "--objective", "fastest"));
        assertTrue(objective.err().contains("--objective"), objective.err());
    }

    @Test
    void runtimeFailuresExit1WithOneLine() {
        assertEquals(1, cli.run("predict", "--state-dir", dir.resolve("empty").toString()));
        assertOneLineWithoutStack(cli.err());
        assertTrue(cli.err().contains("is empty"), cli.err());

        CliRun status = new CliRun();
        assertEquals(1, status.run("status", "--url", "http://127.0.0.1:9"));
        assertOneLineWithoutStack(status.err());
        assertTrue(status.err().contains("no tunerd answers at http://127.0.0.1:9/status"), status.err());
    }

    @Test
    void helpDocumentsTheExitCodesAndVersionNamesTheRuntime() {
        assertEquals(0, cli.run("--help"));
        String help = cli.out();
        assertTrue(help.contains("Exit codes:"), help);
        assertTrue(help.contains("78") && help.contains("configuration error"), help);
        assertTrue(help.contains("2") && help.contains("usage error"), help);
        CliRun run = new CliRun();
        assertEquals(0, run.run("run", "--help"));
        assertTrue(run.out().contains("Exit codes:"), run.out());
        CliRun version = new CliRun();
        assertEquals(0, version.run("--version"));
        assertTrue(version.out().startsWith("tunerd "), version.out());
        assertTrue(version.out().contains("Java 17") || version.out().contains("Java "), version.out());
    }
}
