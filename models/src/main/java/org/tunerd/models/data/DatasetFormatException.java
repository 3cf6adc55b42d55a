package org.tunerd.models.data;

import java.nio.file.Path;

/** A measurement file that cannot be read, with the file, line (1-based) and column where it went wrong. */
public final class DatasetFormatException extends RuntimeException {

    private final transient Path file;
    private final int line;
    private final String column;

    public DatasetFormatException(Path file, int line, String column, String message) {
        super(file + ":" + line + (column == null ? "" : " column '" + column + "'") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number; 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** Column name, or null when the problem is not tied to one column. */
    public String column() {
        return column;
    }
}
