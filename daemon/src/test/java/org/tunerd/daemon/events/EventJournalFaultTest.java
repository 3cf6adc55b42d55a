package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tunerd.daemon.events.JournalTestLines.b;
import static org.tunerd.daemon.events.JournalTestLines.lines;

import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal under faults: a full disk at every byte of an append, a failing fsync, lines it cannot read. */
class EventJournalFaultTest {

    @TempDir
    Path dir;

    private static EventJournal journal(Path d, boolean fsync, AtomicLong space, AtomicBoolean failForce) {
        return new EventJournal(d, fsync, 1 << 20, true, f -> new DiskFullChannel(FileChannel.open(f,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), space, failForce));
    }

    @Test
    void aFullDiskAtEveryBytePositionOfAnAppendLeavesTheJournalAsBefore() throws Exception {
        List<byte[]> batch = List.of(b("alpha"), b("bravo-line"), b("c"));
        int batchBytes = batch.stream().mapToInt(l -> l.length + 1).sum();
        for (int room = 0; room < batchBytes; room++) {
            Path d = dir.resolve("room-" + room);
            AtomicLong space = new AtomicLong(Long.MAX_VALUE);
            try (EventJournal j = journal(d, false, space, new AtomicBoolean())) {
                j.append(List.of(b("first")));
                space.set(room);
                assertThrows(UncheckedIOException.class, () -> j.append(batch), "room for " + room + " bytes");
                assertEquals(6, Files.size(d.resolve(EventJournal.FILE)), "cut back to the last complete line, room "
                        + room);
                assertEquals(6, j.undeliveredBytes());
                space.set(Long.MAX_VALUE); // space comes back
                j.append(List.of(b("after")));
                assertEquals(List.of("first", "after"), lines(j.undelivered(10)), "room " + room);
                j.delivered(j.undelivered(10).get(0));
            }
            try (EventJournal j = new EventJournal(d, false, 1 << 20, true)) {
                assertEquals(List.of("after"), lines(j.undelivered(10)), "after a restart, room " + room);
            }
        }
    }

    @Test
    void aFailingFsyncCountsAsAFailedAppend() throws Exception {
        AtomicBoolean failForce = new AtomicBoolean();
        try (EventJournal j = journal(dir, true, new AtomicLong(Long.MAX_VALUE), failForce)) {
            j.append(List.of(b("first")));
            failForce.set(true);
            assertThrows(UncheckedIOException.class, () -> j.append(List.of(b("lost"))));
            failForce.set(false);
            j.append(List.of(b("second")));
            assertEquals(List.of("first", "second"), lines(j.undelivered(10)));
        }
        assertEquals("first\nsecond\n", Files.readString(dir.resolve(EventJournal.FILE)));
    }

    @Test
    void aLineTheJournalCouldNotReadBackIsNeverWritten() throws Exception {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            byte[] longest = new byte[EventJournal.MAX_LINE_BYTES];
            Arrays.fill(longest, (byte) 'x');
            byte[] tooLong = new byte[EventJournal.MAX_LINE_BYTES + 1];
            Arrays.fill(tooLong, (byte) 'y');
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> j.append(List.of(b("ok"), tooLong)));
            assertTrue(e.getMessage().contains("longer than " + EventJournal.MAX_LINE_BYTES), e.getMessage());
            assertEquals(0, Files.size(dir.resolve(EventJournal.FILE)), "nothing of the batch was written");
            j.append(List.of(longest, b("next")));
            List<EventJournal.Entry> read = j.undelivered(10);
            assertEquals(2, read.size());
            assertTrue(read.get(0).complete());
            assertEquals(EventJournal.MAX_LINE_BYTES, read.get(0).line().length);
            assertEquals("next", new String(read.get(1).line(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineTooLongToReadIsReturnedIncompleteAndCanBeSetAside() throws Exception {
        // what an older tunerd could write: a 2 MiB line between two good ones
        byte[] huge = new byte[2 << 20];
        Arrays.fill(huge, (byte) 'h');
        Files.write(dir.resolve(EventJournal.FILE), b("a\n"));
        Files.write(dir.resolve(EventJournal.FILE), huge, StandardOpenOption.APPEND);
        Files.write(dir.resolve(EventJournal.FILE), b("\nb\n"), StandardOpenOption.APPEND);
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            List<EventJournal.Entry> first = j.undelivered(10);
            assertEquals(List.of("a"), lines(first), "the lines before it come first");
            j.delivered(first.get(0));
            List<EventJournal.Entry> next = j.undelivered(10);
            assertEquals(1, next.size());
            EventJournal.Entry overlong = next.get(0);
            assertFalse(overlong.complete());
            assertEquals(huge.length, overlong.length());
            assertEquals(EventJournal.HEAD_BYTES, overlong.line().length);
            j.deadLetter(overlong);
            j.delivered(overlong);
            assertEquals(List.of("b"), lines(j.undelivered(10)));
        }
        byte[] kept = Files.readAllBytes(dir.resolve(EventJournal.DEAD_LETTER_FILE));
        assertEquals(huge.length + 1, kept.length, "the whole line and its newline are kept");
        assertEquals('\n', kept[kept.length - 1]);
    }
}
