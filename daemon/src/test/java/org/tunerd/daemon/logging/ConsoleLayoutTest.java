package org.tunerd.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("org.tunerd.daemon.service.Tuner");

    private ConsoleLayout layout(String format) {
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.setFormat(format);
        layout.start();
        return layout;
    }

    private ILoggingEvent event(Level level, String message, Throwable t) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, t, null);
    }

    @Test
    void underJournaldEachLineHasAPriorityNoTimestampAndTheStackTraceInTheSameEntry() {
        ConsoleLayout layout = layout("journald");
        assertTrue(layout.journald());
        String error = layout.doLayout(event(Level.ERROR, "session failed\nsecond line",
                new IllegalStateException("board gone", new java.io.IOException("EIO"))));
        assertTrue(error.startsWith("<3>o.t.daemon.service.Tuner [main] - session failed | second line | "
                + "java.lang.IllegalStateException: board gone | at "), error);
        assertTrue(error.contains("Caused by: java.io.IOException: EIO"), error);
        assertEquals(1, error.lines().count(), "one journal entry: " + error);
        assertTrue(error.endsWith("\n"));
        assertFalse(error.matches("(?s).*\\d{4}-\\d{2}-\\d{2} .*"), "no timestamp: journald has its own: " + error);
        assertTrue(layout.doLayout(event(Level.WARN, "w", null)).startsWith("<4>"));
        assertTrue(layout.doLayout(event(Level.INFO, "i", null)).startsWith("<6>"));
        assertTrue(layout.doLayout(event(Level.DEBUG, "d", null)).startsWith("<7>"));
    }

    @Test
    void onATerminalLinesArePlainWithATimestampAndAMultiLineStackTrace() {
        String line = layout("plain").doLayout(event(Level.ERROR, "session failed", new IllegalStateException("x")));
        assertTrue(line.matches("(?s)\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} ERROR \\[main] "
                + "o.t.daemon.service.Tuner - session failed\njava.lang.IllegalStateException: x\n.*"), line);
        assertFalse(line.startsWith("<"));
    }

    @Test
    void autoChoosesJournaldOnlyWhenJournalStreamNamesStandardError() {
        assertFalse(ConsoleLayout.stderrIsTheJournal(Map.of(), Optional.of("8:1")));
        assertTrue(ConsoleLayout.stderrIsTheJournal(Map.of("JOURNAL_STREAM", "8:12345"), Optional.of("8:12345")));
        assertFalse(ConsoleLayout.stderrIsTheJournal(Map.of("JOURNAL_STREAM", "8:12345"), Optional.of("0:77")),
                "stderr redirected elsewhere (e.g. a shell started by the service): plain lines");
        assertTrue(ConsoleLayout.stderrIsTheJournal(Map.of("JOURNAL_STREAM", "8:12345"), Optional.empty()));
        // this test's standard error is not the journal
        assertFalse(layout("auto").journald() && System.getenv("JOURNAL_STREAM") == null);
    }
}
