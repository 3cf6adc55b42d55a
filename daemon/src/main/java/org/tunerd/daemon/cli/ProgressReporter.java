package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the progress of long work: a bar redrawn on a terminal, or a log line every few percent when
 * standard error is not a terminal (a pipe, a file, journald). The first count it receives is what was
 * already done (a resumed run); the estimate of the time left counts only the items done in this run.
 */
final class ProgressReporter implements IntConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    /** Off a terminal, a line at every this many percent. */
    static final int LOG_STEP_PERCENT = 5;

    private final String what;
    private final int total;
    private final PrintWriter terminal;
    private final LongSupplier nanoTime;
    private long startNanos;
    private int baseline = -1;
    private int lastPercent = -1;

    /**
     * @param what     what is being done, e.g. "profiling TX2/xception/600x600"
     * @param total    items in all (those already done included)
     * @param terminal where to draw the bar; null = log instead
     * @param nanoTime the clock ({@link System#nanoTime} outside tests)
     */
    ProgressReporter(String what, int total, PrintWriter terminal, LongSupplier nanoTime) {
        this.what = what;
        this.total = Math.max(1, total);
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    @Override
    public synchronized void accept(int done) {
        if (baseline < 0) {
            baseline = done;
            startNanos = nanoTime.getAsLong();
        }
        int percent = (int) (100L * done / total);
        if (terminal != null) {
            if (percent != lastPercent || done == total) {
                lastPercent = percent;
                draw(done, percent);
            }
        } else if (done == baseline || percent / LOG_STEP_PERCENT != lastPercent / LOG_STEP_PERCENT || done == total) {
            lastPercent = percent;
            LOG.info("{}: {}/{} ({}%){}", what, done, total, percent, done == baseline && done > 0
                    ? ", resumed" : left(done).map(s -> ", about " + s + " left").orElse(""));
        }
    }

    /** Seconds left at this run's rate; empty before anything was measured in this run. */
    synchronized OptionalDouble secondsLeft(int done) {
        int measuredNow = done - Math.max(0, baseline);
        if (baseline < 0 || measuredNow <= 0) {
            return OptionalDouble.empty();
        }
        double elapsed = (nanoTime.getAsLong() - startNanos) / 1e9;
        return OptionalDouble.of(elapsed / measuredNow * (total - done));
    }

    private Optional<String> left(int done) {
        OptionalDouble s = secondsLeft(done);
        return s.isPresent() ? Optional.of(duration(s.getAsDouble())) : Optional.empty();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 90 ? s + " s" : s < 5400 ? Math.round(s / 60.0) + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }

    private void draw(int done, int percent) {
        int width = 30;
        int filled = width * done / total;
        terminal.printf(Locale.ROOT, "\r[%s%s] %3d%% %d/%d  %-12s", "#".repeat(filled), ".".repeat(width - filled),
                percent, done, total, left(done).map(s -> s + " left").orElse(""));
        terminal.flush();
    }

    /** Clears the bar (on a terminal). */
    synchronized void finish() {
        if (terminal != null) {
            terminal.print("\r" + " ".repeat(72) + "\r");
            terminal.flush();
        }
    }

    /** True if standard error is a terminal (the bar is drawn there). */
    static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
