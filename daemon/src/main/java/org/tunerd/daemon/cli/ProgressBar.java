package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line progress bar redrawn in place on stderr, with the time left estimated from the pace so far. */
public final class ProgressBar {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private int lastPercent = -1;

    public ProgressBar(PrintWriter err) {
        this.err = err;
    }

    /**
     * True if stderr is a terminal: on Linux from the target of {@code /proc/self/fd/2} (so the bar shows
     * even when stdout is redirected to a file); elsewhere when the JVM has a console.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Redraws the bar at {@code done} of {@code total} units, naming the unit just {@code finished}. */
    public synchronized void update(int done, int total, String finished) {
        int percent = (int) (100L * done / total);
        if (percent == lastPercent && done != total) {
            return;
        }
        lastPercent = percent;
        int width = 30;
        int filled = width * done / total;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed * (total - done) / done;
        err.printf(Locale.ROOT, "\r[%s%s] %3d%% %d/%d  %.0fs left  %-48s", "#".repeat(filled),
                ".".repeat(width - filled), percent, done, total, eta,
                finished.length() > 48 ? finished.substring(0, 48) : finished);
        err.flush();
    }

    /** Clears the bar's line. */
    public synchronized void finish() {
        err.print("\r" + " ".repeat(110) + "\r");
        err.flush();
    }
}
