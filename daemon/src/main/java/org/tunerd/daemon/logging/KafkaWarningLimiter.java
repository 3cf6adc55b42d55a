package org.tunerd.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Rate-limits the Kafka clients' warnings and errors: while a broker is unreachable they log a line per
 * reconnection attempt, per client. At most one line per {@code interval} (default one minute) gets
 * through, rewritten as tunerd's own line with the number of lines suppressed since the last one and the
 * event backlog (what the journal still holds for Kafka).
 */
public final class KafkaWarningLimiter extends TurboFilter {

    /** Logger of the lines this filter writes in place of the Kafka clients' ones. */
    public static final String LOGGER = "org.tunerd.kafka.client";

    private static volatile Supplier<Optional<String>> backlog = Optional::empty;

    private long intervalNanos = 60_000_000_000L;
    private LongSupplier nanoTime = System::nanoTime;
    private long lastPassed;
    private boolean passedOnce;
    private long suppressed;

    /**
     * Where the event backlog shown with each line comes from (the daemon sets it while it runs); the
     * supplier's text is appended as it is, e.g. {@code 12 KiB of events not yet delivered}.
     */
    public static void backlogFrom(Supplier<Optional<String>> supplier) {
        backlog = supplier == null ? Optional::empty : supplier;
    }

    /** Minimum time between two lines, e.g. {@code 60 seconds} (logback duration syntax). */
    public void setInterval(Duration interval) {
        this.intervalNanos = interval.getMilliseconds() * 1_000_000L;
    }

    void clock(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || !isStarted()
                || !logger.getName().startsWith("org.apache.kafka")) {
            return FilterReply.NEUTRAL;
        }
        long since;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (passedOnce && now - lastPassed < intervalNanos) {
                suppressed++;
                return FilterReply.DENY;
            }
            passedOnce = true;
            lastPassed = now;
            since = suppressed;
            suppressed = 0;
        }
        String message = MessageFormatter.arrayFormat(format, params, t).getMessage();
        StringBuilder line = new StringBuilder("Kafka client: ").append(message);
        if (t != null && !message.contains(String.valueOf(t.getMessage()))) {
            line.append(" (").append(t).append(')');
        }
        line.append(" [").append(since).append(" similar lines suppressed since the last one; at most one every ")
                .append(intervalNanos / 1_000_000_000L).append(" s");
        backlog.get().ifPresent(b -> line.append("; event backlog: ").append(b));
        line.append(']');
        Logger out = logger.getLoggerContext().getLogger(LOGGER);
        if (level.isGreaterOrEqual(Level.ERROR)) {
            out.error(line.toString());
        } else {
            out.warn(line.toString());
        }
        return FilterReply.DENY;
    }
}
