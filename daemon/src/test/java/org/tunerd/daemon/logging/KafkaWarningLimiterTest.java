package org.tunerd.daemon.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.util.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaWarningLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> out = new ListAppender<>();
    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    @AfterEach
    void noBacklog() {
        KafkaWarningLimiter.backlogFrom(null);
    }

    private Logger setUp() {
        KafkaWarningLimiter limiter = new KafkaWarningLimiter();
        limiter.setContext(context);
        limiter.setInterval(Duration.buildBySeconds(60));
        limiter.clock(clock::get);
        limiter.start();
        context.addTurboFilter(limiter);
        out.setContext(context);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(out);
        return context.getLogger("org.apache.kafka.clients.NetworkClient");
    }

    @Test
    void duringAnOutageOneLineAMinuteGetsThroughWithTheBacklog() {
        Logger kafka = setUp();
        KafkaWarningLimiter.backlogFrom(() -> Optional.of("2048 journal bytes not yet delivered"));
        for (int i = 0; i < 120; i++) { // two reconnection warnings a second for a minute
            kafka.warn("[Producer clientId=tunerd-events] Connection to node {} (/127.0.0.1:9092) could not be "
                    + "established. Node may not be available.", -1);
            clock.addAndGet(SECOND / 2);
        }
        kafka.warn("[Producer clientId=tunerd-events] Connection to node {} could not be established.", 1);
        context.getLogger("org.tunerd.daemon.events.EventPublisher").warn("tunerd's own warnings are not limited");
        context.getLogger("org.tunerd.daemon.events.EventPublisher").warn("tunerd's own warnings are not limited");

        List<String> lines = out.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("Kafka client: [Producer clientId=tunerd-events] Connection to node -1 "), lines.get(0));
        assertTrue(lines.get(0).endsWith("[0 similar lines suppressed since the last one; at most one every 60 s; "
                + "event backlog: 2048 journal bytes not yet delivered]"), lines.get(0));
        assertTrue(lines.get(1).contains("[119 similar lines suppressed since the last one"), lines.get(1));
        assertEquals(KafkaWarningLimiter.LOGGER, out.list.get(0).getLoggerName());
        assertEquals(Level.WARN, out.list.get(0).getLevel());
    }

    @Test
    void kafkaInfoLinesAndOtherLoggersPassUnchanged() {
        Logger kafka = setUp();
        kafka.info("connected");
        kafka.info("connected again");
        assertEquals(List.of("connected", "connected again"),
                out.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
