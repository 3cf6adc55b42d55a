package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs a command line in-process with its standard output and error captured, for CLI tests: tunerd's, or
 * another one built on picocli (the study's tests use it through the daemon's test-jar).
 */
public final class CliRun {

    private final Supplier<CommandLine> commandLine;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** For {@code tunerd}. */
    public CliRun() {
        this(Tunerd::commandLine);
    }

    /** For the command line {@code commandLine} makes (a fresh one per run). */
    public CliRun(Supplier<CommandLine> commandLine) {
        this.commandLine = commandLine;
    }

    /** The exit code of the command line run with {@code args}. */
    public int run(String... args) {
        CommandLine cl = commandLine.get();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /** Everything written to standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Everything written to standard error so far. */
    public String err() {
        return err.toString();
    }
}
