package org.tunerd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console layout: a plain line with a timestamp on a terminal or in a file, and under systemd, when
 * standard error is the journal, a journald line instead: a syslog priority prefix ({@code <3>} error,
 * {@code <4>} warning, {@code <6>} info, {@code <7>} debug) so {@code journalctl -p warning} filters, no
 * timestamp (the journal has its own), and a stack trace on the same line as its message so it stays one
 * journal entry.
 *
 * <p>{@code format}: {@code auto} (default: journald when {@code $JOURNAL_STREAM} names standard error, as
 * sd_journal_stream_fd(3) documents), {@code journald} or {@code plain}.
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {

    static final String PLAIN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    /** Stack traces cut at 40 frames: journald splits lines longer than its LineMax (48 KiB). */
    static final String JOURNALD = "%logger{24} [%thread] - %msg%n%ex{40}";
    /** Separator of the lines of a multi-line message or stack trace in one journal entry. */
    static final String LINE_SEPARATOR = " | ";

    private String format = "auto";
    private String pattern = PLAIN;
    private PatternLayout delegate;
    private boolean journald;

    /** auto, journald or plain. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The pattern of plain lines (a logback pattern). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        journald = switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "journald" -> true;
            case "plain" -> false;
            case "auto", "" -> stderrIsTheJournal(System.getenv(), stderrDeviceAndInode());
            default -> {
                addError("format must be auto, journald or plain, got '" + format + "'; using auto");
                yield stderrIsTheJournal(System.getenv(), stderrDeviceAndInode());
            }
        };
        delegate = new PatternLayout();
        delegate.setContext(getContext());
        delegate.setPattern(journald ? JOURNALD : pattern);
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    /** True when lines are written in the journald form. */
    public boolean journald() {
        return journald;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String text = delegate.doLayout(event);
        if (!journald) {
            return text;
        }
        return "<" + priority(event.getLevel()) + ">" + text.strip().replaceAll("\\R\\s*", LINE_SEPARATOR) + "\n";
    }

    /** The syslog priority of a level: err, warning, info, debug. */
    static int priority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }

    /**
     * Whether standard error is connected to the journal: {@code JOURNAL_STREAM} ({@code device:inode},
     * set by systemd for a service whose output goes to the journal) names it. When the identity of
     * standard error cannot be read, the variable alone decides.
     */
    static boolean stderrIsTheJournal(Map<String, String> environment, Optional<String> stderrDeviceAndInode) {
        String stream = environment.get("JOURNAL_STREAM");
        if (stream == null || stream.isBlank()) {
            return false;
        }
        return stderrDeviceAndInode.map(stream.trim()::equals).orElse(true);
    }

    /** {@code device:inode} of file descriptor 2, as systemd writes it into {@code JOURNAL_STREAM}. */
    static Optional<String> stderrDeviceAndInode() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            long dev = ((Number) Files.getAttribute(fd, "unix:dev")).longValue();
            long ino = ((Number) Files.getAttribute(fd, "unix:ino")).longValue();
            return Optional.of(dev + ":" + ino);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
