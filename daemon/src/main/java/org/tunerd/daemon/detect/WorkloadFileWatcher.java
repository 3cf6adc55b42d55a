package org.tunerd.daemon.detect;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a workload file (see {@link WorkloadAnnouncementParser}) written by the inference service and
 * announces its content whenever it changes. Polls the file's content on a Vert.x timer and reads it on a
 * worker thread: polling works on every file system (inotify misses changes on some bind mounts). Content
 * is acted on only once it reads the same at two consecutive polls, so a file caught while being written
 * (truncated, half written) is never taken for the new workload. A settled file that cannot be parsed is
 * reported once per distinct content and the last good workload stays in force.
 */
public final class WorkloadFileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkloadFileWatcher.class);

    private final Vertx vertx;
    private final Path file;
    private final EnvironmentDetector detector;
    private final Consumer<String> onInvalid;
    private final long timerId;
    private String lastContent;
    private String pendingContent;

    /**
     * Starts watching.
     *
     * @param onInvalid receives a message naming the file and the field when the file is invalid
     */
    public WorkloadFileWatcher(Vertx vertx, Path file, Duration period, EnvironmentDetector detector,
                               Consumer<String> onInvalid) {
        this.vertx = vertx;
        this.file = Objects.requireNonNull(file, "file");
        this.detector = detector;
        this.onInvalid = onInvalid;
        this.timerId = vertx.setPeriodic(Math.max(10, period.toMillis()), Math.max(10, period.toMillis()), id -> poll());
    }

    private void poll() {
        vertx.executeBlocking(this::checkNow, false)
                .onFailure(e -> LOG.warn("workload file {}: {}", file, e.getMessage()));
    }

    /**
     * Reads the file now; announces it if its content changed and has settled (read the same at the
     * previous check). Returns whether it was announced.
     */
    public synchronized boolean checkNow() {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot read workload file {}: {}", file, e.getMessage());
            return false;
        }
        if (content.equals(lastContent)) {
            pendingContent = null;
            return false;
        }
        if (!content.equals(pendingContent)) {
            pendingContent = content;
            return false;
        }
        pendingContent = null;
        lastContent = content;
        try {
            WorkloadAnnouncement workload = WorkloadAnnouncementParser.parse(content, file.toString());
            return detector.announce(workload, "file").isPresent();
        } catch (IllegalArgumentException e) {
            LOG.warn("{}; keeping the last good workload", e.getMessage());
            onInvalid.accept(e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timerId);
    }
}
