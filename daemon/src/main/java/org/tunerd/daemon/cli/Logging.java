package org.tunerd.daemon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** Changes the log level of tunerd's own loggers for {@code --verbose}. */
final class Logging {

    private Logging() {
    }

    /** tunerd's loggers (events included) at DEBUG; libraries keep their configured levels. */
    static void debug() {
        // Logback is the binding the jar ships; under another one (a test harness) --verbose only adds stack traces.
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger("org.tunerd").setLevel(Level.DEBUG);
        }
    }
}
