package org.tunerd.daemon.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;

/**
 * {@value EventJournal#OFFSET_FILE}: the byte offset of the first journal line not yet delivered, one decimal
 * number, replaced atomically. An offset that is not a number, lies outside the journal or not at a line start
 * is distrusted: the whole journal is redelivered (at least once rather than lost).
 */
final class DeliveredOffsetFile {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);

    private final Path path;

    DeliveredOffsetFile(Path directory) {
        this.path = directory.resolve(EventJournal.OFFSET_FILE);
    }

    /**
     * The stored offset if the journal ({@code size} bytes, read through {@code lines}) has a line start there,
     * else 0 (with a warning saying why).
     */
    long read(long size, JournalLines lines) throws IOException {
        if (!Files.exists(path)) {
            return 0;
        }
        String text = Files.readString(path, StandardCharsets.UTF_8).trim();
        long off;
        try {
            off = Long.parseLong(text);
        } catch (NumberFormatException e) {
            LOG.warn("event journal offset {} holds '{}', not a number: redelivering the whole journal", path, text);
            return 0;
        }
        if (off < 0 || off > size) {
            LOG.warn("event journal offset {} is {}, outside 0..{}: redelivering the whole journal", path, off, size);
            return 0;
        }
        if (!lines.isLineStart(off)) {
            LOG.warn("event journal offset {} = {} is not at a line start: redelivering the whole journal", path, off);
            return 0;
        }
        return off;
    }

    void write(long offset) {
        try {
            AtomicFiles.write(path, (offset + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write event journal offset " + path + ": " + e.getMessage(), e);
        }
    }
}
