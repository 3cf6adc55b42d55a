package org.tunerd.daemon.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.concurrent.Interruptibly;
import org.tunerd.daemon.files.SmallFiles;
import org.tunerd.daemon.files.UnsuitableFileException;

/**
 * Watches one text file and reports each real change of its content, once, and only once the content
 * has settled. Used for the configuration file and the workload file.
 *
 * <ul>
 *   <li>The file is re-read every {@code period} on the watch's own thread (never a Vert.x event loop):
 *       polling works on every file system, including bind mounts and network file systems where change
 *       notification is missing or itself a slow poll. A {@link WatchService} on the file's folder, where
 *       the platform offers one, only wakes the watch early; an editor that writes a new file and renames
 *       it over the old one, or swaps a symlink, is seen either way, since the path is read each time.</li>
 *   <li>New content is taken only when two reads {@link #SETTLE} apart return the same bytes, so a file
 *       caught half written (truncated, or saved in several steps) is not reported. A writer that pauses
 *       longer than that mid-write can still be caught; writers should rename a complete file into place.</li>
 *   <li>Content is compared by SHA-256: touching the file or writing the same bytes reports nothing. A
 *       deleted file is not reported; when it comes back, it is reported if its content differs from the
 *       last reported (or baseline) content.</li>
 *   <li>Only a regular file of at most {@code maxBytes} is read (checked before reading, so a FIFO cannot block
 *       the watch and a huge file cannot fill the heap); anything else is reported once, when settled, through
 *       {@link Listener#notText}, and the next usable content is reported whatever it is.</li>
 *   <li>The watch thread survives anything a check or a listener throws, {@link Error}s included: it is
 *       logged and the watch goes on.</li>
 * </ul>
 *
 * <p>About 300 lines: the rules above are one state machine over one file's last reported, pending and
 * unusable digests, checked under one lock by the watch thread and {@link #checkNow()}; its parts (settling,
 * the event wait, the digest) are private methods rather than classes because they share that state.
 */
public final class FileWatch implements AutoCloseable {

    /** How long new content must read the same before it is reported. */
    public static final Duration SETTLE = Duration.ofMillis(150);
    /** The largest file read unless a watch says otherwise: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** What {@code reported} holds after unusable content was reported: no content digest equals it. */
    private static final byte[] UNUSABLE = new byte[0];

    /** Receives the settled content of the file, on the watch thread. */
    @FunctionalInterface
    public interface Listener {
        /** The file's content changed to {@code text}. */
        void changed(String text);

        /**
         * The file's new content cannot be used: not UTF-8 text (the problem names the byte offset), not a
         * regular file, or larger than the watch's limit; {@code problem} names the file and the reason.
         */
        default void notText(String problem) {
            LOG.warn("{}; ignored", problem);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);

    private final Path file;
    private final long periodNanos;
    private final Listener listener;
    private final int maxBytes;
    private byte[] reported;
    private byte[] pending;
    private boolean missing;
    private String readProblem;
    private byte[] unusableReported;
    private volatile boolean closed;
    private volatile Thread thread;

    private FileWatch(Path file, Duration period, int maxBytes, boolean baselineNow, Listener listener) {
        this.file = file.toAbsolutePath().normalize();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        this.periodNanos = period.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
        if (baselineNow) {
            try {
                reported = sha256(SmallFiles.read(this.file, maxBytes));
            } catch (IOException e) {
                reported = null; // absent or unreadable now: its first readable content is a change
            }
        }
    }

    /**
     * A watch that reports changes after the content the file has now (read here, so call it off the
     * event loop). Call {@link #start()} to begin.
     */
    public static FileWatch changesOf(Path file, Duration period, Listener listener) {
        return changesOf(file, period, DEFAULT_MAX_BYTES, listener);
    }

    /** As {@link #changesOf(Path, Duration, Listener)}, reading at most {@code maxBytes}. */
    public static FileWatch changesOf(Path file, Duration period, int maxBytes, Listener listener) {
        return new FileWatch(file, period, maxBytes, true, listener);
    }

    /** A watch that reports the file's current content (once settled) and then each change. */
    public static FileWatch contentOf(Path file, Duration period, Listener listener) {
        return new FileWatch(file, period, DEFAULT_MAX_BYTES, false, listener);
    }

    /** Starts the watch thread; it checks the file at once, then as described above. */
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        thread = new Thread(this::run, "tunerd-watch-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads the file now and reports its content if it changed and has settled, that is read the same at
     * the previous check. Returns whether it was reported. The watch thread calls this; tests may too.
     */
    public synchronized boolean checkNow() {
        byte[] bytes;
        try {
            bytes = SmallFiles.read(file, maxBytes);
        } catch (NoSuchFileException e) {
            pending = null;
            if (!missing && reported != null && !closed) {
                LOG.warn("{} disappeared; waiting for it to come back", file);
            }
            missing = true;
            return false;
        } catch (UnsuitableFileException e) {
            missing = false;
            readProblem = null;
            // like content: reported once it reads the same twice, and once only
            byte[] digest = sha256(e.getMessage().getBytes(StandardCharsets.UTF_8));
            if (!settledAndNew(digest, unusableReported)) {
                return false;
            }
            unusableReported = digest;
            reported = UNUSABLE;
            call(() -> listener.notText(e.getMessage()));
            return true;
        } catch (IOException e) {
            pending = null;
            String problem = e.toString();
            if (!problem.equals(readProblem) && !closed) {
                LOG.warn("cannot read {}: {}", file, problem);
            }
            readProblem = problem;
            return false;
        }
        missing = false;
        readProblem = null;
        unusableReported = null;
        byte[] digest = sha256(bytes);
        if (!settledAndNew(digest, reported)) {
            return false;
        }
        reported = digest;
        report(bytes);
        return true;
    }

    /**
     * Whether what now reads as {@code digest} is to be reported: it read the same on the previous poll (it
     * settled) and differs from {@code alreadyReported}. Remembers it as pending when it is new and unsettled.
     */
    private boolean settledAndNew(byte[] digest, byte[] alreadyReported) {
        if (Arrays.equals(digest, alreadyReported)) {
            pending = null;
            return false;
        }
        if (!Arrays.equals(digest, pending)) {
            pending = digest;
            return false;
        }
        pending = null;
        return true;
    }

    private synchronized boolean settling() {
        return pending != null;
    }

    private void report(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (CharacterCodingException e) {
            call(() -> listener.notText(file + " is not UTF-8 text (bad byte at offset " + in.position() + ")"));
            return;
        }
        call(() -> listener.changed(text));
    }

    private void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | Error e) { // a listener's failure must not end the watch
            LOG.error("handling a change of {} failed", file, e);
        }
    }

    private void run() {
        WatchService events = openEvents();
        long settleNanos = SETTLE.toNanos();
        long next = System.nanoTime();
        try {
            while (!closed) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    if (events == null) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } else if (awaitEvent(events, wait)) {
                        next = Math.min(next, System.nanoTime() + settleNanos);
                    }
                    continue;
                }
                try {
                    checkNow();
                } catch (RuntimeException | Error e) { // the watch outlives any one check
                    LOG.error("checking {} failed; the watch goes on", file, e);
                }
                next = System.nanoTime() + (settling() ? settleNanos : periodNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(events);
            LOG.debug("watch on {} stopped", file);
        }
    }

    /** A watch service on the file's folder, or null (polling only) where there is none. */
    private WatchService openEvents() {
        Path folder = file.getParent();
        WatchService ws = null;
        try {
            ws = folder.getFileSystem().newWatchService();
            folder.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return ws;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no change notification for {} ({}); polling only", folder, e.toString());
            closeQuietly(ws);
            return null;
        }
    }

    /** Waits up to {@code nanos} for an event in the folder; true if one may concern the file. */
    private boolean awaitEvent(WatchService events, long nanos) throws InterruptedException {
        WatchKey key = events.poll(nanos, TimeUnit.NANOSECONDS);
        if (key == null) {
            return false;
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(event.context());
        }
        if (!key.reset()) {
            // The folder went away: no more events will come; polling carries on regardless.
            LOG.debug("change notification for {} ended; polling only", file.getParent());
        }
        return relevant;
    }

    private void closeQuietly(WatchService ws) {
        if (ws != null) {
            try {
                ws.close();
            } catch (IOException e) {
                LOG.debug("closing the watch on {}", file, e);
            }
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the watch thread; nothing is reported after this returns (unless called from a listener). */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            Interruptibly.join(t, TimeUnit.SECONDS.toMillis(5));
        }
    }
}
