package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunerd.daemon.BuildVersion;
import org.tunerd.daemon.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tunerd} command line: one entry point, a sub-command per job, {@code --help} everywhere.
 *
 * <p>Errors are one line on standard error naming what is wrong (for a configuration: the file, the field
 * and the value), with the stack trace only under {@code --verbose}; the exit code tells usage errors
 * ({@value #EXIT_USAGE}), configuration errors ({@value #EXIT_CONFIG}, sysexits' EX_CONFIG, which the
 * systemd unit does not restart on) and runtime failures ({@value #EXIT_RUNTIME}) apart.
 */
@Command(name = "tunerd", mixinStandardHelpOptions = true, versionProvider = Tunerd.Version.class,
        description = "Keeps an edge board at its energy- or latency-optimal configuration.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, StatusCommand.class, RetuneCommand.class,
                SimulateCommand.class, ProfileCommand.class, PredictCommand.class, RestoreCommand.class})
public final class Tunerd {

    public static final int EXIT_OK = 0;
    /** A failure while working: a device, file or network error, an empty store. */
    public static final int EXIT_RUNTIME = 1;
    /** Bad command line: unknown option, bad option value. */
    public static final int EXIT_USAGE = 2;
    /** Bad configuration file (sysexits EX_CONFIG); the service is not restarted on it. */
    public static final int EXIT_CONFIG = 78;

    @Option(names = "--verbose", description = "Log at DEBUG and print the stack trace of an error (also "
            + "accepted after the command).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for {@link #main}. */
    public static CommandLine commandLine() {
        Tunerd root = new Tunerd();
        CommandLine cl = new CommandLine(root).setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(Integer.toString(EXIT_OK), "success");
        codes.put(Integer.toString(EXIT_RUNTIME), "runtime error (device, files, network, empty store)");
        codes.put(Integer.toString(EXIT_USAGE), "usage error (unknown option, bad option value)");
        codes.put(Integer.toString(EXIT_CONFIG), "configuration error (the file, field and value are named)");
        documentExitCodes(cl, codes);
        cl.setExecutionStrategy(parseResult -> {
            if (verbose(parseResult)) {
                Logging.debug();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler(Tunerd::usageError);
        cl.setExecutionExceptionHandler((e, command, parseResult) -> failure(e, command, verbose(parseResult)));
        return cl;
    }

    /** {@code --verbose} before or after the command name. */
    private static boolean verbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static void documentExitCodes(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.getSubcommands().values().forEach(sub -> documentExitCodes(sub, codes));
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine command, boolean verbose) {
        PrintWriter err = command.getErr();
        boolean config = e instanceof ConfigException;
        err.println(command.getCommandSpec().qualifiedName() + ": " + (config ? "configuration error: " : "")
                + describe(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return config ? EXIT_CONFIG : EXIT_RUNTIME;
    }

    /** The message of {@code e} and of the causes that add to it, on one line. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(message(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = message(c);
            if (!sb.toString().contains(m)) {
                sb.append(": ").append(m);
            }
        }
        return oneLine(sb.toString());
    }

    /** A message for people: ours as they are; the JDK's terse ones (a bare path) with their kind. */
    private static String message(Throwable e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return kind;
        }
        return e.getClass().getName().startsWith("org.tunerd.") || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException ? m : m + " (" + kind + ")";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** {@code --version}: the package version and the Java runtime it runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tunerd " + BuildVersion.current(),
                    "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
                            + ") at " + System.getProperty("java.home")};
        }
    }
}
