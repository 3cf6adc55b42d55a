package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.util.Objects;
import org.tunerd.daemon.store.Similarity;

/**
 * Where the daemon keeps its state. Paths are absolute (relative ones in the file are resolved against
 * the working directory when the file is read).
 *
 * @param directory  state directory (default {@code $STATE_DIRECTORY} under systemd, else {@code /var/lib/tunerd})
 * @param models     stored environments, one JSON file each (default {@code <directory>/models})
 * @param sessions   checkpoints of tuning sessions in progress (default {@code <directory>/sessions})
 * @param journal    directory of the append-only event journal (default {@code <directory>/journal})
 * @param similarity how the nearest stored environment is chosen as transfer source
 */
public record StoreSettings(Path directory, Path models, Path sessions, Path journal, Similarity similarity) {

    public StoreSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(similarity, "similarity");
    }

    /** Settings with every path under {@code directory} at its default place. */
    public static StoreSettings under(Path directory, Similarity similarity) {
        Path d = directory.toAbsolutePath().normalize();
        return new StoreSettings(d, d.resolve("models"), d.resolve("sessions"), d.resolve("journal"),
                similarity);
    }
}
