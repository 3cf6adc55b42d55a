package org.tunerd.daemon.detect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.watch.FileWatch;

/**
 * Watches a workload file (see {@link WorkloadAnnouncementParser}) written by the inference service and
 * announces its content, and each change of it, through the {@link EnvironmentDetector}. The file is
 * watched by a {@link FileWatch}: its own thread, polling backed by change notification, and only
 * settled content is taken, so a file caught while being written is never taken for the new workload.
 * A settled file that cannot be parsed is reported once per distinct content and the last good workload
 * stays in force.
 */
public final class WorkloadFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadFileWatcher.class);

    private final Path file;
    private final EnvironmentDetector detector;
    private final Consumer<String> onInvalid;
    private final FileWatch watch;

    /**
     * A watcher; {@link #start()} begins watching.
     *
     * @param period    how often the file is re-read when no change notification comes earlier
     * @param onInvalid receives a message naming the file and the field when the file is invalid
     */
    public WorkloadFileWatcher(Path file, Duration period, EnvironmentDetector detector, Consumer<String> onInvalid) {
        this.file = Objects.requireNonNull(file, "file");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.onInvalid = Objects.requireNonNull(onInvalid, "onInvalid");
        this.watch = FileWatch.contentOf(file, period, new FileWatch.Listener() {
            @Override
            public void changed(String text) {
                announce(text);
            }

            @Override
            public void notText(String problem) {
                invalid(problem);
            }
        });
    }

    /** Starts watching on the watch's own thread. */
    public void start() {
        watch.start();
    }

    /**
     * Reads the file now; announces it if its content changed and has settled (read the same at the
     * previous check). Returns whether new content was taken (announced, or reported invalid).
     */
    public boolean checkNow() {
        return watch.checkNow();
    }

    private void announce(String text) {
        try {
            detector.announce(WorkloadAnnouncementParser.parse(text, file.toString()), "file");
        } catch (IllegalArgumentException e) {
            invalid(e.getMessage());
        }
    }

    private void invalid(String message) {
        LOG.warn("{}; keeping the last good workload", message);
        onInvalid.accept(message);
    }

    @Override
    public void close() {
        watch.close();
    }
}
