package org.tunerd.daemon.events;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;

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
 * <p>Every line the journal writes, it can read back: {@link #append} refuses a line longer than
 * {@value #MAX_LINE_BYTES} bytes (or holding a newline) before writing anything. An append that fails (a full
 * disk) is cut back to the last complete line, so line boundaries and the offset stay right, and the caller
 * learns that the lines were not journaled. A line it finds too long to read in one piece (written by an older
 * version) is returned incomplete, so the caller can set it aside ({@link #deadLetter}) and go on.
 *
 * <p>{@value #DEAD_LETTER_FILE} beside the journal keeps the events that cannot be delivered (too large for
 * Kafka, or unreadable), one line each as they were journaled; it is rotated to {@value #DEAD_LETTER_ROTATED}
 * once it exceeds {@value #DEAD_LETTER_ROTATE_BYTES} bytes.
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
    private static final int READ_CHUNK = MAX_LINE_BYTES + 1;
    /** How much of a line too long to read in one piece is returned (enough for its id and type). */
    static final int HEAD_BYTES = 4096;

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

    private final Path dir;
    private final Path file;
    private final boolean fsync;
    private final long rotateBytes;
    private final boolean trackDelivery;
    private FileChannel lock;
    private FileChannel writer;
    private RandomAccessFile reader; // not a FileChannel: an interrupted reader must not close the journal
    private long size;
    private long delivered;
    private long generation;
    private boolean closed;
    /** An append failed and could not be cut back: the file may end in a partial line. */
    private boolean tailDirty;
    private final Opener opener;

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
        this.opener = opener;
        if (rotateBytes <= 0) {
            throw new IllegalArgumentException("journal rotation size must be positive, got " + rotateBytes);
        }
        this.dir = directory;
        this.file = directory.resolve(FILE);
        this.fsync = fsync;
        this.rotateBytes = rotateBytes;
        this.trackDelivery = trackDelivery;
        try {
            Files.createDirectories(directory);
            lock();
            try {
                openChannels();
                repairTail();
                delivered = trackDelivery ? readOffset() : size;
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
        long total = 0;
        for (byte[] l : lines) {
            if (l.length > MAX_LINE_BYTES) {
                throw new IllegalArgumentException("journal line of " + l.length + " bytes is longer than "
                        + MAX_LINE_BYTES);
            }
            for (byte b : l) {
                if (b == '\n') {
                    throw new IllegalArgumentException("journal line contains a newline");
                }
            }
            total += l.length + 1;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("journal batch of " + total + " bytes is too large");
        }
        try {
            cutBackIfDirty();
            rotateIfDue();
            ByteBuffer buf = ByteBuffer.allocate((int) total);
            for (byte[] l : lines) {
                buf.put(l).put((byte) '\n');
            }
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    writer.write(buf);
                }
                if (fsync) {
                    writer.force(false);
                }
            } catch (IOException e) {
                cutBack(e);
                throw e;
            }
            size += total;
            if (!trackDelivery) {
                delivered = size;
            }
            notifyAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** After a failed write: removes whatever part of the batch reached the file. */
    private void cutBack(IOException cause) {
        try {
            writer.truncate(size);
            tailDirty = false;
        } catch (IOException e) {
            tailDirty = true;
            cause.addSuppressed(e);
            LOG.error("event journal {}: cannot cut a failed append back to {} bytes ({}); retrying before the next "
                    + "append", file, size, e.getMessage());
        }
    }

    private void cutBackIfDirty() throws IOException {
        if (tailDirty) {
            writer.truncate(size);
            tailDirty = false;
            LOG.info("event journal {}: failed append cut back to {} bytes", file, size);
        }
    }

    /**
     * Up to {@code max} undelivered lines, oldest first. A line longer than {@value #MAX_LINE_BYTES} bytes is
     * returned {@linkplain Entry#complete() incomplete}, and only as the first entry: the lines before it are
     * returned first.
     */
    public synchronized List<Entry> undelivered(int max) {
        List<Entry> out = new ArrayList<>();
        long pos = delivered;
        try {
            while (out.size() < max && pos < size) {
                int len = (int) Math.min(READ_CHUNK, size - pos);
                byte[] bytes = new byte[len];
                reader.seek(pos);
                reader.readFully(bytes);
                int lineStart = 0;
                for (int i = 0; i < len && out.size() < max; i++) {
                    if (bytes[i] == '\n') {
                        byte[] line = java.util.Arrays.copyOfRange(bytes, lineStart, i);
                        out.add(new Entry(generation, pos + lineStart, pos + i + 1, line, true));
                        lineStart = i + 1;
                    }
                }
                if (lineStart == 0) {
                    if (len == READ_CHUNK && out.isEmpty()) {
                        out.add(overlong(pos, bytes));
                    }
                    break;
                }
                pos += lineStart;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** The line at {@code start}, too long to read in one piece: its head, and where it ends. */
    private Entry overlong(long start, byte[] head) throws IOException {
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
                            file, start, end - start - 1, MAX_LINE_BYTES);
                    return new Entry(generation, start, end, java.util.Arrays.copyOf(head, HEAD_BYTES), false);
                }
            }
            pos += n;
        }
        throw new IOException("line at offset " + start + " has no end (the journal ends without a newline)");
    }

    /**
     * Copies the entry's line, whole, to {@value #DEAD_LETTER_FILE} beside the journal (fsync'd if configured).
     * Then mark it {@link #delivered} to go past it.
     */
    public synchronized void deadLetter(Entry entry) {
        if (entry.generation() != generation) {
            return;
        }
        try (FileChannel out = openDeadLetter()) {
            long pos = entry.start();
            long left = entry.end() - entry.start();
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                while (left > 0) {
                    long n = in.transferTo(pos, left, out);
                    if (n <= 0) {
                        throw new IOException("journal ended at " + pos + " inside the line");
                    }
                    pos += n;
                    left -= n;
                }
            }
            if (fsync) {
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(DEAD_LETTER_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Appends {@code line} (without its newline) to {@value #DEAD_LETTER_FILE}, whatever its length. */
    public synchronized void deadLetter(byte[] line) {
        try (FileChannel out = openDeadLetter()) {
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n');
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            if (fsync) {
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(DEAD_LETTER_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** The dead-letter file. */
    public Path deadLetterPath() {
        return dir.resolve(DEAD_LETTER_FILE);
    }

    private FileChannel openDeadLetter() throws IOException {
        Path p = dir.resolve(DEAD_LETTER_FILE);
        if (Files.exists(p) && Files.size(p) >= DEAD_LETTER_ROTATE_BYTES) {
            Files.move(p, dir.resolve(DEAD_LETTER_ROTATED), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Records that every line up to and including {@code last} was delivered. */
    public synchronized void delivered(Entry last) {
        if (last.generation() != generation || last.end() <= delivered) {
            return;
        }
        if (last.end() > size) {
            throw new IllegalArgumentException("delivered offset " + last.end() + " beyond journal end " + size);
        }
        delivered = last.end();
        writeOffset();
    }

    /** Bytes journaled but not yet delivered. */
    public synchronized long undeliveredBytes() {
        return size - delivered;
    }

    /** Waits up to {@code timeoutMillis} until there is something to deliver; true if there is. */
    public synchronized boolean awaitUndelivered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!closed && size == delivered) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return size > delivered;
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
                writeOffset();
            }
            writer.close();
            reader.close();
            lock.close();
        } catch (IOException e) {
            LOG.warn("closing event journal {}: {}", file, e.getMessage());
        }
    }

    private void lock() throws IOException {
        lock = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        boolean locked;
        try {
            locked = lock.tryLock() != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            locked = false;
        }
        if (!locked) {
            lock.close();
            throw new IllegalStateException("event journal " + file + " is in use by another tunerd (lock "
                    + dir.resolve(LOCK_FILE) + ")");
        }
    }

    private void openChannels() throws IOException {
        writer = opener.open(file);
        reader = new RandomAccessFile(file.toFile(), "r");
        size = writer.size();
    }

    private void rotateIfDue() throws IOException {
        if (size < rotateBytes || delivered < size) {
            return;
        }
        writer.close();
        reader.close();
        Files.move(file, dir.resolve(ROTATED), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        generation++;
        openChannels();
        delivered = 0;
        writeOffset();
        LOG.info("event journal rotated: {} -> {}", file, dir.resolve(ROTATED));
    }

    private void repairTail() throws IOException {
        if (size == 0) {
            return;
        }
        long pos = size;
        while (pos > 0) {
            reader.seek(pos - 1);
            if (reader.read() == '\n') {
                break;
            }
            pos--;
        }
        if (pos < size) {
            LOG.warn("event journal {}: dropping {} bytes of an incomplete last line (written during a crash)",
                    file, size - pos);
            writer.truncate(pos);
            writer.force(true);
            size = pos;
        }
    }

    private long readOffset() throws IOException {
        Path p = dir.resolve(OFFSET_FILE);
        if (!Files.exists(p)) {
            return 0;
        }
        String text = Files.readString(p, StandardCharsets.UTF_8).trim();
        long off;
        try {
            off = Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warn("event journal offset {} holds '{}', not a number: redelivering the whole journal", p, text);
            return 0;
        }
        if (off < 0 || off > size) {
            LOG.warn("event journal offset {} is {}, outside 0..{}: redelivering the whole journal", p, off, size);
            return 0;
        }
        if (off > 0) {
            reader.seek(off - 1);
            if (reader.read() != '\n') {
                LOG.warn("event journal offset {} = {} is not at a line start: redelivering the whole journal", p, off);
                return 0;
            }
        }
        return off;
    }

    private void writeOffset() {
        Path p = dir.resolve(OFFSET_FILE);
        try {
            AtomicFiles.write(p, (delivered + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event journal offset " + p + ": " + e.getMessage(), e);
        }
    }
}
