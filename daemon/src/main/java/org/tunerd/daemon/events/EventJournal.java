package org.tunerd.daemon.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only event journal: {@value #FILE} holds one CloudEvent JSON line per event, and
 * {@value #OFFSET_FILE} the byte offset of the first line not yet delivered to Kafka.
 *
 * <p>Lines are flushed (and fsync'd when asked) before {@link #append} returns. The offset only moves
 * forward after a delivery was acknowledged, so a crash redelivers rather than loses (at-least-once).
 * When everything is delivered and the file exceeds the rotation size it is renamed to {@value #ROTATED}
 * (replacing the previous one) and a new file starts; undelivered events are never rotated away. Without
 * delivery tracking (no Kafka) the offset follows the end of the file, so the journal is a bounded local
 * history and nothing is replayed if Kafka is configured later. Thread-safe.
 *
 * <p>Every line the journal writes, it can read back ({@link JournalAppender}); an append that fails (a full
 * disk) is cut back to the last complete line and the caller learns that the lines were not journaled. A line too
 * long to read in one piece (written by an older version) is returned incomplete, so the caller can set it aside
 * ({@link #deadLetter}, into {@value #DEAD_LETTER_FILE}) and go on.
 *
 * <p>This class rotates and keeps the accounting (delivered offset, undelivered lines); its parts append
 * whole lines ({@link JournalAppender}), read them back ({@link JournalLines}), store the offset
 * ({@link DeliveredOffsetFile}), keep the dead letters ({@link DeadLetterFile}) and lock the directory
 * ({@link JournalLock}). It stays above 250 lines (a third of them the contract) because what is left is one
 * invariant under one lock: the offset, the undelivered count and the generation move together with the file's
 * end, and splitting them across classes would spread that lock.
 */
public final class EventJournal implements AutoCloseable {

    public static final String FILE = "events.jsonl";
    public static final String OFFSET_FILE = "events.delivered";
    public static final String ROTATED = "events.jsonl.1";
    public static final String LOCK_FILE = "events.lock";
    public static final String DEAD_LETTER_FILE = "events.dead-letter";
    public static final String DEAD_LETTER_ROTATED = "events.dead-letter.1";
    /** The longest line the journal writes and reads back in one piece: 1 MiB. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    static final long DEAD_LETTER_ROTATE_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    /** How much of a line too long to read in one piece is returned (enough for its id and type). */
    static final int HEAD_BYTES = JournalLines.HEAD_BYTES;

    /**
     * One journaled line (without its newline); {@code generation} changes on rotation so stale
     * acknowledgements are ignored.
     *
     * @param complete false when the line is longer than {@value #MAX_LINE_BYTES} bytes: {@code line} then holds
     *                 only its first bytes; such a line cannot be delivered and should be {@linkplain #deadLetter
     *                 dead-lettered}
     */
    public record Entry(long generation, long start, long end, byte[] line, boolean complete) {

        /** The line's length in bytes, without the newline. */
        public long length() {
            return end - start - 1;
        }
    }

    /** Opens the journal file for appending; tests inject failing channels. */
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    private final Path file;
    private final boolean fsync;
    private final long rotateBytes;
    private final boolean trackDelivery;
    private final Opener opener;
    private final DeliveredOffsetFile offset;
    private final DeadLetterFile deadLetters;
    private final JournalLock lock;
    private JournalAppender appender;
    private JournalLines reader;
    private long delivered;
    /** Lines after {@code delivered}: events journaled and not yet delivered. */
    private long undeliveredLines;
    private long generation;
    private boolean closed;

    /**
     * Opens (or creates) the journal in {@code directory}, dropping an incomplete last line left by a crash
     * (with a warning) and checking the stored offset.
     *
     * @param fsync         force every append to the storage device, not just to the OS
     * @param rotateBytes   rotate once everything is delivered and the file is at least this large
     * @param trackDelivery false when nothing delivers the journal (no Kafka): the offset follows the end
     */
    public EventJournal(Path directory, boolean fsync, long rotateBytes, boolean trackDelivery) {
        this(directory, fsync, rotateBytes, trackDelivery, f -> FileChannel.open(f, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    EventJournal(Path directory, boolean fsync, long rotateBytes, boolean trackDelivery, Opener opener) {
        if (rotateBytes <= 0) {
            throw new IllegalArgumentException("journal rotation size must be positive, got " + rotateBytes);
        }
        this.opener = opener;
        this.file = directory.resolve(FILE);
        this.fsync = fsync;
        this.rotateBytes = rotateBytes;
        this.trackDelivery = trackDelivery;
        this.offset = new DeliveredOffsetFile(directory);
        this.deadLetters = new DeadLetterFile(directory, fsync);
        try {
            Files.createDirectories(directory);
            this.lock = JournalLock.acquire(directory);
            try {
                openChannels();
                repairTail();
                long size = appender.size();
                delivered = trackDelivery ? offset.read(size, reader) : size;
                undeliveredLines = reader.count(delivered, size);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open event journal " + file + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return file;
    }

    /**
     * Appends the lines (without newlines), flushed, and fsync'd if configured: all of them or none.
     *
     * @throws IllegalArgumentException if a line is longer than {@value #MAX_LINE_BYTES} bytes or holds a newline
     *                                  (nothing is written)
     * @throws UncheckedIOException     if writing failed (e.g. the disk is full); the file is cut back to its last
     *                                  complete line, so none of the lines is journaled
     */
    public synchronized void append(List<byte[]> lines) {
        if (closed) {
            throw new IllegalStateException("event journal " + file + " is closed");
        }
        try {
            rotateIfDue();
            appender.append(lines);
            if (trackDelivery) {
                undeliveredLines += lines.size();
            } else {
                delivered = appender.size();
            }
            notifyAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Up to {@code max} undelivered lines, oldest first. A line longer than {@value #MAX_LINE_BYTES} bytes is
     * returned {@linkplain Entry#complete() incomplete}, and only as the first entry: the lines before it are
     * returned first.
     */
    public synchronized List<Entry> undelivered(int max) {
        try {
            return reader.read(delivered, appender.size(), max, generation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the entry's line, whole, to {@value #DEAD_LETTER_FILE} beside the journal (fsync'd if configured).
     * Then mark it {@link #delivered} to go past it.
     */
    public synchronized void deadLetter(Entry entry) {
        if (entry.generation() == generation) {
            deadLetters.copy(file, entry.start(), entry.end());
        }
    }

    /** Appends {@code line} (without its newline) to {@value #DEAD_LETTER_FILE}, whatever its length. */
    public synchronized void deadLetter(byte[] line) {
        deadLetters.append(line);
    }

    /** The dead-letter file. */
    public Path deadLetterPath() {
        return deadLetters.path();
    }

    /** Records that every line up to and including {@code last} was delivered. */
    public synchronized void delivered(Entry last) {
        if (last.generation() != generation || last.end() <= delivered) {
            return;
        }
        if (last.end() > appender.size()) {
            throw new IllegalArgumentException("delivered offset " + last.end() + " beyond journal end "
                    + appender.size());
        }
        try {
            undeliveredLines -= reader.count(delivered, last.end());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event journal " + file + ": " + e.getMessage(), e);
        }
        delivered = last.end();
        offset.write(delivered);
    }

    /** Bytes journaled but not yet delivered. */
    public synchronized long undeliveredBytes() {
        return appender.size() - delivered;
    }

    /** Events (lines) journaled but not yet delivered; 0 without delivery tracking. */
    public synchronized long undeliveredEvents() {
        return undeliveredLines;
    }

    /** Waits up to {@code timeoutMillis} until there is something to deliver; true if there is. */
    public synchronized boolean awaitUndelivered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!closed && appender.size() == delivered) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return appender.size() > delivered;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifyAll();
        try {
            if (!trackDelivery) {
                offset.write(delivered);
            }
            appender.close();
            reader.close();
            lock.close();
        } catch (IOException e) {
            LOG.warn("closing event journal {}: {}", file, e.getMessage());
        }
    }

    private void openChannels() throws IOException {
        appender = new JournalAppender(file, opener.open(file), fsync);
        reader = new JournalLines(file);
    }

    private void rotateIfDue() throws IOException {
        if (appender.size() < rotateBytes || delivered < appender.size()) {
            return;
        }
        appender.close();
        reader.close();
        Path rotated = file.resolveSibling(ROTATED);
        Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        generation++;
        openChannels();
        delivered = 0;
        undeliveredLines = 0;
        offset.write(delivered);
        LOG.info("event journal rotated: {} -> {}", file, rotated);
    }

    private void repairTail() throws IOException {
        long size = appender.size();
        long end = reader.endOfLastLine(size);
        if (end < size) {
            LOG.warn("event journal {}: dropping {} bytes of an incomplete last line (written during a crash)",
                    file, size - end);
            appender.truncate(end);
        }
    }
}
