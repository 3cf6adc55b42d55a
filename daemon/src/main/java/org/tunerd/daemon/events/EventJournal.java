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
 */
public final class EventJournal implements AutoCloseable {

    public static final String FILE = "events.jsonl";
    public static final String OFFSET_FILE = "events.delivered";
    public static final String ROTATED = "events.jsonl.1";
    public static final String LOCK_FILE = "events.lock";

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final int READ_CHUNK = 1 << 20;

    /** One journaled line; {@code generation} changes on rotation so stale acknowledgements are ignored. */
    public record Entry(long generation, long start, long end, byte[] line) {
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

    /**
     * Opens (or creates) the journal in {@code directory}, dropping an incomplete last line left by a crash
     * (with a warning) and checking the stored offset.
     *
     * @param fsync         force every append to the storage device, not just to the OS
     * @param rotateBytes   rotate once everything is delivered and the file is at least this large
     * @param trackDelivery false when nothing delivers the journal (no Kafka): the offset follows the end
     */
    public EventJournal(Path directory, boolean fsync, long rotateBytes, boolean trackDelivery) {
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

    /** Appends the lines (without newlines), flushed, and fsync'd if configured. */
    public synchronized void append(List<byte[]> lines) {
        if (closed) {
            throw new IllegalStateException("event journal " + file + " is closed");
        }
        try {
            rotateIfDue();
            int total = 0;
            for (byte[] l : lines) {
                total += l.length + 1;
            }
            ByteBuffer buf = ByteBuffer.allocate(total);
            for (byte[] l : lines) {
                for (byte b : l) {
                    if (b == '\n') {
                        throw new IllegalArgumentException("journal line contains a newline");
                    }
                }
                buf.put(l).put((byte) '\n');
            }
            buf.flip();
            while (buf.hasRemaining()) {
                writer.write(buf);
            }
            if (fsync) {
                writer.force(false);
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

    /** Up to {@code max} undelivered lines, oldest first. */
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
                        out.add(new Entry(generation, pos + lineStart, pos + i + 1, line));
                        lineStart = i + 1;
                    }
                }
                if (lineStart == 0) {
                    if (len == READ_CHUNK) {
                        throw new IOException("line at offset " + pos + " is longer than " + READ_CHUNK + " bytes");
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
        writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
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
