package org.tunerd.daemon.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * {@value EventJournal#DEAD_LETTER_FILE} beside the journal: the events that cannot be delivered (too large for
 * the bound or for Kafka, or unreadable), one line each as they were journaled, fsync'd when asked. Rotated to
 * {@value EventJournal#DEAD_LETTER_ROTATED} once it exceeds {@value EventJournal#DEAD_LETTER_ROTATE_BYTES} bytes.
 * Callers serialise the writes (the journal's lock).
 */
final class DeadLetterFile {

    private final Path path;
    private final Path rotated;
    private final boolean fsync;

    DeadLetterFile(Path directory, boolean fsync) {
        this.path = directory.resolve(EventJournal.DEAD_LETTER_FILE);
        this.rotated = directory.resolve(EventJournal.DEAD_LETTER_ROTATED);
        this.fsync = fsync;
    }

    Path path() {
        return path;
    }

    /** Copies bytes {@code start} (inclusive) to {@code end} (exclusive, after the newline) of {@code journal}. */
    void copy(Path journal, long start, long end) {
        try (FileChannel out = open(); FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            long pos = start;
            long left = end - start;
            while (left > 0) {
                long n = in.transferTo(pos, left, out);
                if (n <= 0) {
                    throw new IOException("journal ended at " + pos + " inside the line");
                }
                pos += n;
                left -= n;
            }
            if (fsync) {
                out.force(false);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Appends {@code line} (without its newline), whatever its length. */
    void append(byte[] line) {
        try (FileChannel out = open()) {
            ByteBuffer buf = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n');
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            if (fsync) {
                out.force(false);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private FileChannel open() throws IOException {
        if (Files.exists(path) && Files.size(path) >= EventJournal.DEAD_LETTER_ROTATE_BYTES) {
            Files.move(path, rotated, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
}
