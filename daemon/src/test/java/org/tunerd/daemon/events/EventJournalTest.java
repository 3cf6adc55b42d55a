package org.tunerd.daemon.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tunerd.daemon.events.JournalTestLines.b;
import static org.tunerd.daemon.events.JournalTestLines.lines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    @TempDir
    Path dir;

    @Test
    void deliveredOffsetSurvivesReopen() {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            j.append(List.of(b("a"), b("b")));
            j.append(List.of(b("c")));
            List<EventJournal.Entry> all = j.undelivered(10);
            assertEquals(List.of("a", "b", "c"), lines(all));
            j.delivered(all.get(0));
            assertEquals(4, j.undeliveredBytes());
        }
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            assertEquals(List.of("b", "c"), lines(j.undelivered(10)));
            assertEquals(List.of("b"), lines(j.undelivered(1)));
        }
    }

    @Test
    void incompleteLastLineFromACrashIsDropped() throws Exception {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            j.append(List.of(b("one")));
        }
        Files.write(dir.resolve(EventJournal.FILE), b("{\"half"), StandardOpenOption.APPEND);
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            assertEquals(List.of("one"), lines(j.undelivered(10)));
            j.append(List.of(b("two")));
            assertEquals(List.of("one", "two"), lines(j.undelivered(10)));
        }
    }

    @Test
    void rotatesOnlyWhenEverythingIsDelivered() throws Exception {
        try (EventJournal j = new EventJournal(dir, false, 8, true)) {
            j.append(List.of(b("0123456789")));
            j.append(List.of(b("second")));          // not delivered yet: no rotation
            assertEquals(List.of("0123456789", "second"), lines(j.undelivered(10)));
            List<EventJournal.Entry> all = j.undelivered(10);
            j.delivered(all.get(1));
            j.append(List.of(b("third")));            // all delivered and over the limit: rotates first
            assertEquals(List.of("third"), lines(j.undelivered(10)));
            j.delivered(all.get(0));                  // stale generation: ignored
            assertEquals(6, j.undeliveredBytes());
        }
        assertEquals("0123456789\nsecond\n", Files.readString(dir.resolve(EventJournal.ROTATED)));
        assertEquals("third\n", Files.readString(dir.resolve(EventJournal.FILE)));
    }

    @Test
    void withoutDeliveryTrackingNothingIsPending() {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, false)) {
            j.append(List.of(b("x")));
            assertEquals(0, j.undeliveredBytes());
        }
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            assertEquals(0, j.undeliveredBytes(), "events journaled without Kafka are not replayed later");
        }
    }

    @Test
    void corruptOffsetRedeliversEverything() throws Exception {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            j.append(List.of(b("a"), b("b")));
            j.delivered(j.undelivered(10).get(1));
        }
        Files.writeString(dir.resolve(EventJournal.OFFSET_FILE), "garbage");
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            assertEquals(List.of("a", "b"), lines(j.undelivered(10)));
        }
        Files.writeString(dir.resolve(EventJournal.OFFSET_FILE), "1");
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            assertTrue(j.undeliveredBytes() == 4, "offset inside a line is not trusted");
        }
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefused() {
        try (EventJournal j = new EventJournal(dir, false, 1 << 20, true)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> new EventJournal(dir, false, 1 << 20, true));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        new EventJournal(dir, false, 1 << 20, true).close();
    }
}
