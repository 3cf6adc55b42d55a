package org.tunerd.daemon.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one file and reports when its content changes: a {@link WatchService} on the file's folder
 * (so editors that write a new file and rename it over the old one are seen, as are symlink swaps),
 * a short debounce to let multi-step writes settle, and a content digest so touching or rewriting the
 * same bytes reports nothing. A deleted file is not reported; its reappearance with new content is.
 * Used for the configuration file and the watched workload file.
 */
public final class FileWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);
    private static final long DEBOUNCE_MILLIS = 150;

    private final Path file;
    private final Consumer<Path> onChange;
    private volatile byte[] lastDigest;
    private WatchService watchService;
    private Thread thread;

    /**
     * @param file     the file to watch (its folder must exist)
     * @param onChange called with the file, on the watch thread, after each change of content
     */
    public FileWatch(Path file, Consumer<Path> onChange) {
        this.file = file.toAbsolutePath().normalize();
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.lastDigest = digest(this.file);
    }

    /** Starts watching; the content at construction time is the baseline. */
    public synchronized void start() throws IOException {
        if (watchService != null) {
            return;
        }
        watchService = FileSystems.getDefault().newWatchService();
        file.getParent().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(this::loop, "tunerd-watch-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        WatchService ws = watchService;
        try {
            while (true) {
                WatchKey key = ws.take();
                key.pollEvents();
                key.reset();
                // Editors write in several steps: let them finish, then look once.
                Thread.sleep(DEBOUNCE_MILLIS);
                WatchKey more;
                while ((more = ws.poll()) != null) {
                    more.pollEvents();
                    more.reset();
                }
                byte[] digest = digest(file);
                if (Arrays.equals(digest, lastDigest)) {
                    continue;
                }
                lastDigest = digest;
                if (digest == null) {
                    LOG.warn("{} disappeared; waiting for it to come back", file);
                    continue;
                }
                try {
                    onChange.accept(file);
                } catch (RuntimeException e) {
                    LOG.error("handling a change of {} failed", file, e);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("watch on {} stopped", file);
        }
    }

    /** The SHA-256 of the file's content, or null if it cannot be read. */
    static byte[] digest(Path file) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("closing the watch on {}", file, e);
            }
            watchService = null;
        }
    }
}
