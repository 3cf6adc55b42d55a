package org.tunerd.study.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tunerd-study} command line (research, not the product): the offline studies over measured data
 * sets. The exploration tools in {@code org.tunerd.study.explore} are plain {@code main} classes on the same jar.
 */
@Command(name = "tunerd-study", mixinStandardHelpOptions = true, versionProvider = TunerdStudy.Version.class,
        description = "Offline studies of tunerd's transfer learning and adaptation over measured data sets.",
        subcommands = {CommandLine.HelpCommand.class, EvaluateCommand.class})
public final class TunerdStudy {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and for {@link #main}. */
    public static CommandLine commandLine() {
        return new CommandLine(new TunerdStudy()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Version from the jar manifest, "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TunerdStudy.class.getPackage().getImplementationVersion();
            return new String[] {"tunerd-study " + (v == null ? "dev" : v)};
        }
    }
}
