package org.tunerd.daemon.events;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal file's format back: lines of bytes, each ended by a newline. A line is read in one piece up
 * to {@value EventJournal#MAX_LINE_BYTES} bytes; a longer one (written by an older version) comes back
 * {@linkplain EventJournal.Entry#complete() incomplete}, holding only its first {@value #HEAD_BYTES} bytes.
 * The caller passes the file's current length and serialises the calls (the journal's lock).
 *
 * <p>Reads through a {@link RandomAccessFile}, not a {@code FileChannel}: an interrupted reader must not close the
 * journal.
 */
final class JournalLines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final int READ_CHUNK = EventJournal.MAX_LINE_BYTES + 1;
    /** How much of a line too long to read in one piece is returned (enough for its id and type). */
    static final int HEAD_BYTES = 4096;

    private final Path file;
    private final RandomAccessFile reader;

    JournalLines(Path file) throws IOException {
        this.file = file;
        this.reader = new RandomAccessFile(file.toFile(), "r");
    }

    /**
     * Up to {@code max} lines from {@code from} (a line start) to {@code size}, oldest first. A line too long to
     * read in one piece is returned incomplete, and only as the first entry.
     */
    List<EventJournal.Entry> read(long from, long size, int max, long generation) throws IOException {
        List<EventJournal.Entry> out = new ArrayList<>();
        long pos = from;
        while (out.size() < max && pos < size) {
            int len = (int) Math.min(READ_CHUNK, size - pos);
            byte[] bytes = new byte[len];
            reader.seek(pos);
            reader.readFully(bytes);
            int lineStart = 0;
            for (int i = 0; i < len && out.size() < max; i++) {
                if (bytes[i] == '\n') {
                    out.add(new EventJournal.Entry(generation, pos + lineStart, pos + i + 1,
                            Arrays.copyOfRange(bytes, lineStart, i), true));
                    lineStart = i + 1;
                }
            }
            if (lineStart == 0) {
                if (len == READ_CHUNK && out.isEmpty()) {
                    out.add(overlong(pos, bytes, size, generation));
                }
                break;
            }
            pos += lineStart;
        }
        return out;
    }

    /** The line at {@code start}, too long to read in one piece: its head, and where it ends. */
    private EventJournal.Entry overlong(long start, byte[] head, long size, long generation) throws IOException {
        long pos = start + head.length;
        byte[] chunk = new byte[64 * 1024];
        while (pos < size) {
            int n = (int) Math.min(chunk.length, size - pos);
            reader.seek(pos);
            reader.readFully(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    long end = pos + i + 1;
                    LOG.warn("event journal {}: line at offset {} is {} bytes, longer than {}: it cannot be delivered",
                            file, start, end - start - 1, EventJournal.MAX_LINE_BYTES);
                    return new EventJournal.Entry(generation, start, end, Arrays.copyOf(head, HEAD_BYTES), false);
                }
            }
            pos += n;
        }
        throw new IOException("line at offset " + start + " has no end (the journal ends without a newline)");
    }

    /** Whether a line starts at {@code offset}: the file's start, or just after a newline. */
    boolean isLineStart(long offset) throws IOException {
        if (offset == 0) {
            return true;
        }
        reader.seek(offset - 1);
        return reader.read() == '\n';
    }

    /** Where the last complete line of the first {@code size} bytes ends (0 when there is none). */
    long endOfLastLine(long size) throws IOException {
        long pos = size;
        while (pos > 0 && !isLineStart(pos)) {
            pos--;
        }
        return pos;
    }

    /** How many lines end in bytes {@code from} (inclusive) to {@code to} (exclusive). */
    long count(long from, long to) throws IOException {
        long lines = 0;
        byte[] chunk = new byte[64 * 1024];
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(chunk.length, to - pos);
            reader.seek(pos);
            reader.readFully(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    lines++;
                }
            }
            pos += n;
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
