package org.tunerd.daemon.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Bytes in and lines out of the journal, for its tests. */
final class JournalTestLines {

    private JournalTestLines() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> lines(List<EventJournal.Entry> entries) {
        return entries.stream().map(e -> new String(e.line(), StandardCharsets.UTF_8)).toList();
    }
}
