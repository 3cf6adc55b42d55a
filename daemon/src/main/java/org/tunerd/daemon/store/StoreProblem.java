package org.tunerd.daemon.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A stored file that was skipped: corrupt, of an unknown format version, or clashing with another.
 *
 * @param file   the file, left in place
 * @param reason why it was skipped
 */
public record StoreProblem(Path file, String reason) {

    public StoreProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return file + ": " + reason;
    }
}
