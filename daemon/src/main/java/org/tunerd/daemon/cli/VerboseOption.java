package org.tunerd.daemon.cli;

import picocli.CommandLine.Option;

/** {@code --verbose} after the command name; {@link Tunerd} acts on it (DEBUG logging, stack traces). */
final class VerboseOption {

    @Option(names = "--verbose", description = "Log at DEBUG and print the stack trace of an error.")
    boolean verbose;
}
