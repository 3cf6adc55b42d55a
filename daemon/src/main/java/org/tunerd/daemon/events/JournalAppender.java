package org.tunerd.daemon.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends whole lines to the journal file: all lines of a batch or none. Each line is checked before anything is
 * written (no newline inside, at most {@value EventJournal#MAX_LINE_BYTES} bytes, so it can be read back); a
 * write that fails (a full disk, a failing fsync) is cut back to the last complete line, and if even that fails,
 * the cut is retried before the next append. The caller serialises the calls (the journal's lock).
 */
final class JournalAppender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path file;
    private final FileChannel channel;
    private final boolean fsync;
    private long size;
    /** An append failed and could not be cut back: the file may end in a partial line. */
    private boolean tailDirty;

    JournalAppender(Path file, FileChannel channel, boolean fsync) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fsync = fsync;
        this.size = channel.size();
    }

    /** The length of the file's complete lines. */
    long size() {
        return size;
    }

    /**
     * Appends the lines, each followed by a newline, flushed (and fsync'd if configured).
     *
     * @throws IllegalArgumentException if a line is too long or holds a newline (nothing is written)
     * @throws IOException              if writing failed: the file is cut back, none of the lines is appended
     */
    void append(List<byte[]> lines) throws IOException {
        long total = 0;
        for (byte[] l : lines) {
            if (l.length > EventJournal.MAX_LINE_BYTES) {
                throw new IllegalArgumentException("journal line of " + l.length + " bytes is longer than "
                        + EventJournal.MAX_LINE_BYTES);
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
        cutBackIfDirty();
        ByteBuffer buf = ByteBuffer.allocate((int) total);
        for (byte[] l : lines) {
            buf.put(l).put((byte) '\n');
        }
        buf.flip();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            cutBack(e);
            throw e;
        }
        size += total;
    }

    /** Drops what follows the first {@code end} bytes (an incomplete line a crash left), forced to the device. */
    void truncate(long end) throws IOException {
        channel.truncate(end);
        channel.force(true);
        size = end;
    }

    /** After a failed write: removes whatever part of the batch reached the file. */
    private void cutBack(IOException cause) {
        try {
            channel.truncate(size);
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
            channel.truncate(size);
            tailDirty = false;
            LOG.info("event journal {}: failed append cut back to {} bytes", file, size);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
