package org.tunerd.daemon.files;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not what a reader takes: not a regular file, too large, or not text. The message names it. */
public final class UnsuitableFileException extends IOException {

    private final Path file;
    private final String reason;

    public UnsuitableFileException(Path file, String reason) {
        super(file + " " + reason);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Why, without the file name (e.g. "is a FIFO, socket or device, not a regular file"). */
    public String reason() {
        return reason;
    }
}
