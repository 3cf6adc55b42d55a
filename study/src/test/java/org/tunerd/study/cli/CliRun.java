package org.tunerd.study.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the tunerd-study command line in-process with its standard output and error captured, for CLI tests. */
final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code of {@code tunerd-study args...}. */
    int run(String... args) {
        CommandLine cl = TunerdStudy.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** Everything written to standard output so far. */
    String out() {
        return out.toString();
    }

    /** Everything written to standard error so far. */
    String err() {
        return err.toString();
    }
}
