package org.tunerd.daemon.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads small files a person writes (the configuration, the workload file, a token file) without trusting them:
 * the path must be a regular file (a FIFO would block the reader for good, {@code /dev/zero} would fill the
 * heap) of at most a given size, checked before reading and again while reading (the file may grow meanwhile).
 * Failures are {@link UnsuitableFileException}s naming the file and the reason.
 */
public final class SmallFiles {

    private SmallFiles() {
    }

    /** The file's bytes; at most {@code maxBytes} of them. */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class); // follows links
        if (!attributes.isRegularFile()) {
            String kind = attributes.isDirectory() ? "a directory" : attributes.isOther() ? "a FIFO, socket or device"
                    : "not a regular file";
            throw new UnsuitableFileException(file, "is " + kind + ", not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(file, attributes.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(file, -1, maxBytes);
            }
            return bytes;
        }
    }

    /** The file as UTF-8 text; invalid UTF-8 is an {@link UnsuitableFileException} naming the byte offset. */
    public static String readText(Path file, int maxBytes) throws IOException {
        byte[] bytes = read(file, maxBytes);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new UnsuitableFileException(file, "is not UTF-8 text (bad byte at offset " + in.position() + ")");
        }
    }

    private static UnsuitableFileException tooLarge(Path file, long size, int maxBytes) {
        return new UnsuitableFileException(file, (size >= 0 ? "is " + size + " bytes, " : "is ")
                + "larger than the " + maxBytes + "-byte limit for this file");
    }
}
