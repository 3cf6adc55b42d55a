package org.tunerd.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tunerd} command line: one entry point, a sub-command per job, {@code --help} everywhere. */
@Command(name = "tunerd", mixinStandardHelpOptions = true, versionProvider = Tunerd.Version.class,
        description = "Keeps an edge board at its energy- or latency-optimal configuration.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, SimulateCommand.class, ProfileCommand.class,
                PredictCommand.class})
public final class Tunerd {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for {@link #main}. */
    public static CommandLine commandLine() {
        return new CommandLine(new Tunerd()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Version from the jar manifest, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Tunerd.class.getPackage().getImplementationVersion();
            return new String[] {"tunerd " + (v == null ? "dev" : v)};
        }
    }
}
