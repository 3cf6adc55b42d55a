package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressReporterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1000 * SECOND);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProgressReporter.class);

    private ch.qos.logback.classic.Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO); // whatever the test logging configuration says
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
        logger.setLevel(level);
    }

    @Test
    void afterAResumeTheTimeLeftCountsOnlyTheItemsMeasuredInThisRun() {
        ProgressReporter p = new ProgressReporter("profiling", 200, null, clock::get);
        p.accept(100); // resumed: 100 of 200 stored before
        assertTrue(p.secondsLeft(100).isEmpty(), "nothing measured in this run yet: no estimate");
        for (int done = 101; done <= 110; done++) {
            clock.addAndGet(SECOND);
            p.accept(done);
        }
        // 10 measured in 10 s: 90 left take 90 s (counting the 100 resumed ones as done at this rate would say 8 s)
        assertEquals(90.0, p.secondsLeft(110).getAsDouble(), 1e-9);
    }

    @Test
    void offATerminalProgressIsLoggedEveryFewPercent() {
        ProgressReporter p = new ProgressReporter("profiling TX2/x/1x1", 400, null, clock::get);
        for (int done = 0; done <= 400; done++) {
            clock.addAndGet(SECOND);
            p.accept(done);
        }
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(100 / ProgressReporter.LOG_STEP_PERCENT + 1, lines.size(), lines.toString());
        assertEquals("profiling TX2/x/1x1: 0/400 (0%)", lines.get(0));
        assertEquals("profiling TX2/x/1x1: 20/400 (5%), about 6 min left", lines.get(1));
        assertEquals("profiling TX2/x/1x1: 400/400 (100%), about 0 s left", lines.get(lines.size() - 1));
    }

    @Test
    void onATerminalABarIsDrawnAndNothingIsLogged() {
        StringWriter screen = new StringWriter();
        ProgressReporter p = new ProgressReporter("profiling", 10, new PrintWriter(screen), clock::get);
        for (int done = 0; done <= 10; done++) {
            clock.addAndGet(SECOND);
            p.accept(done);
        }
        p.finish();
        assertTrue(screen.toString().contains("] 100% 10/10"), screen.toString());
        assertEquals(List.of(), log.list);
    }
}
