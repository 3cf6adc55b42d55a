package org.tunerd.daemon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.watch.FileWatch;

/**
 * Keeps the configuration current: reloads the file when it changes (a {@link FileWatch}, so editors
 * that replace the file are seen too), on SIGHUP, and on request. A valid file
 * replaces the configuration and is reported with {@link Listener#reloaded}; an invalid one is reported
 * with {@link Listener#rejected} (every field and reason) and the last good configuration stays in force.
 *
 * <p>Reloads run one at a time on the watcher's own thread; listeners are called on that thread and
 * must hand work to the event loop themselves. File changes are seen through {@link FileWatch}, which
 * hands over the settled text (a half-written file is not parsed): writing the same bytes again, or a
 * change that parses to the configuration already in force, is not reported (unless the previous attempt
 * was rejected, so a fix is always acknowledged). A given bad content is reported once: a SIGHUP (or a file
 * event) that finds the content already rejected logs that it is still invalid, without a second
 * {@link Listener#rejected}; an explicit {@link #reloadNow()} always reports.
 *
 * <p>The file is read only if it is a regular file within {@link ConfigLoader#MAX_FILE_BYTES} (a FIFO or a huge
 * file is rejected, not read), and a reload survives anything parsing throws, {@link Error}s included.
 */
public final class ConfigWatcher implements AutoCloseable {

    /** What started a reload. */
    public enum Cause { FILE_CHANGED, SIGNAL, REQUESTED }

    /** Receives the outcome of each reload. */
    public interface Listener {
        /** The file was valid; {@code current} is now in force (it may equal {@code previous}). */
        void reloaded(TunerConfig previous, TunerConfig current, Cause cause);

        /** The file was invalid and was ignored; the previous configuration stays in force. */
        void rejected(Path file, List<ConfigProblem> problems, Cause cause);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    /** How often the file is re-read when no change notification wakes the watch earlier. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Path file;
    private final ConfigLoader loader;
    private final Listener listener;
    private final AtomicReference<TunerConfig> current;
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(r -> daemon(r, "tunerd-config-reload"));
    private final FileWatch fileWatch;
    private final Function<TunerConfig, List<ConfigProblem>> check;
    private volatile boolean lastRejected;
    /** Digest of the content (or of the read problem) last reported as rejected; null after a good reload. */
    private byte[] rejectedDigest;
    private boolean started;
    private Object previousSignalHandler;
    private volatile boolean signalInstalled;

    /**
     * @param file     the configuration file
     * @param loader   reads and validates it
     * @param initial  the configuration already in force (read from {@code file} at start-up)
     * @param listener told about every reload
     */
    public ConfigWatcher(Path file, ConfigLoader loader, TunerConfig initial, Listener listener) {
        this(file, loader, initial, c -> List.of(), listener);
    }

    /**
     * As above, with a further check a new configuration must pass before it replaces the current one,
     * e.g. {@code c -> c.policy().constraints().check(device.describe().space())}; its problems are
     * reported through {@link Listener#rejected} like the file's own.
     */
    public ConfigWatcher(Path file, ConfigLoader loader, TunerConfig initial,
                         Function<TunerConfig, List<ConfigProblem>> check, Listener listener) {
        this.check = Objects.requireNonNull(check, "check");
        this.file = file.toAbsolutePath().normalize();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
        this.fileWatch = FileWatch.changesOf(this.file, POLL, ConfigLoader.MAX_FILE_BYTES, new FileWatch.Listener() {
            @Override
            public void changed(String text) {
                reloads.submit(() -> reload(Cause.FILE_CHANGED, () -> text));
            }

            @Override
            public void notText(String problem) {
                reloads.submit(() -> reload(Cause.FILE_CHANGED, () -> {
                    throw new ConfigException(ConfigWatcher.this.file.toString(),
                            List.of(new ConfigProblem("(file)", "cannot read: " + problem)));
                }));
            }
        });
    }

    /** The configuration in force. */
    public TunerConfig current() {
        return current.get();
    }

    /** Starts watching the file and installs the SIGHUP handler (when the JVM allows it). */
    public synchronized void start() {
        if (started) {
            return;
        }
        fileWatch.start();
        installSignalHandler();
        started = true;
    }

    /** True if SIGHUP triggers a reload (false when the JVM runs with -Xrs or lacks sun.misc.Signal). */
    public boolean signalHandlerInstalled() {
        return signalInstalled;
    }

    /** Reloads now, as if asked by an operator; returns when the listener has been told. */
    public void reloadNow() {
        await(reloads.submit(() -> reload(Cause.REQUESTED, () -> loader.read(file))));
    }

    /** Reads (through {@code text}), validates and applies the file; runs on the reload thread only. */
    private void reload(Cause cause, Supplier<String> text) {
        TunerConfig previous = current.get();
        TunerConfig next;
        byte[] digest = null;
        try {
            String t = text.get();
            digest = sha256(t);
            next = loader.parse(t, file.toString());
            List<ConfigProblem> problems = check.apply(next);
            if (!problems.isEmpty()) {
                throw new ConfigException(file.toString(), problems);
            }
        } catch (ConfigException e) {
            rejected(cause, digest == null ? sha256(e.getMessage()) : digest, e.problems(), e.getMessage(), null);
            return;
        } catch (RuntimeException | Error e) { // a parser's StackOverflowError or OutOfMemoryError too
            rejected(cause, digest == null ? sha256(String.valueOf(e)) : digest,
                    List.of(new ConfigProblem("(file)", "cannot be read: " + e)), String.valueOf(e), e);
            return;
        }
        boolean wasRejected = lastRejected;
        lastRejected = false;
        rejectedDigest = null;
        if (cause == Cause.FILE_CHANGED && next.equals(previous) && !wasRejected) {
            LOG.debug("configuration file {} changed without changing the configuration", file);
            return;
        }
        current.set(next);
        LOG.info("configuration {} reloaded ({})", file, cause);
        safely(() -> listener.reloaded(previous, next, cause));
    }

    /** Reports a rejection, unless this very content was reported rejected already (and no one asked). */
    private void rejected(Cause cause, byte[] digest, List<ConfigProblem> problems, String message, Throwable error) {
        lastRejected = true;
        if (cause != Cause.REQUESTED && java.util.Arrays.equals(digest, rejectedDigest)) {
            LOG.warn("configuration {} ({}) is still the content rejected before, keeping the last good one: {}", file,
                    cause, message);
            return;
        }
        rejectedDigest = digest;
        if (error == null) {
            LOG.error("configuration {} rejected ({}), keeping the last good one: {}", file, cause, message);
        } else {
            LOG.error("configuration {} could not be read ({}), keeping the last good one", file, cause, error);
        }
        safely(() -> listener.rejected(file, problems, cause));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            LOG.error("configuration listener failed", e);
        }
    }

    /** What SIGHUP does: a reload on the reload thread; the future completes once the listener was told. */
    Future<?> signalled() {
        return reloads.submit(() -> reload(Cause.SIGNAL, () -> loader.read(file)));
    }

    private void installSignalHandler() {
        try {
            previousSignalHandler = SignalHook.install("HUP", this::signalled);
            signalInstalled = true;
        } catch (ReflectiveOperationException | IllegalArgumentException | IllegalStateException | LinkageError e) {
            LOG.warn("SIGHUP reload unavailable ({}); the file is still watched", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (signalInstalled) {
            try {
                SignalHook.restore("HUP", previousSignalHandler);
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                LOG.debug("could not restore the SIGHUP handler", e);
            }
            signalInstalled = false;
        }
        fileWatch.close();
        reloads.shutdown();
        try {
            reloads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
