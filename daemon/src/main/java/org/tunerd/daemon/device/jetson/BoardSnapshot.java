package org.tunerd.daemon.device.jetson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.files.AtomicFiles;

/**
 * A board's original settings on disk: each control file tunerd wrote with its value before tunerd's first
 * write, in first-write order, for one board profile and sysfs root. Saved atomically (temporary file, fsync,
 * rename, fsync of the folder) before any write that would add a file to it; removed only after a restore
 * succeeded. While a device holds it open, a lock ({@code <file>.lock}) keeps a second tunerd (a second daemon,
 * or {@code tunerd restore} while the daemon runs) away.
 *
 * <pre>{"formatVersion": 1, "board": "tx2", "sysfsRoot": "/", "taken": "2026-...Z",
 *  "files": {"/sys/devices/system/cpu/cpu3/online": "1", ...}}</pre>
 */
final class BoardSnapshot implements AutoCloseable {

    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final String board;
    private final Path sysfsRoot;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private BoardSnapshot(Path file, String board, Path sysfsRoot, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.board = board;
        this.sysfsRoot = sysfsRoot;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the lock beside {@code file}; fails naming the file if another tunerd holds it. */
    static BoardSnapshot open(Path file, String board, Path sysfsRoot) {
        Path abs = file.toAbsolutePath().normalize();
        Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
        FileChannel ch = null;
        try {
            Files.createDirectories(abs.getParent());
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new DeviceException("board snapshot " + abs + " is in use by another tunerd (lock " + lockFile
                        + "): stop the running daemon first (it restores the board when it stops)");
            }
            return new BoardSnapshot(abs, board, sysfsRoot, ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new DeviceException("cannot open the board snapshot " + abs + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** The saved original settings; empty if none are saved. Fails naming the file if it is another board's. */
    Map<String, String> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DeviceException("board snapshot " + file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); it holds the board's original settings: repair it or restore them by hand, then delete it");
        } catch (IOException e) {
            throw new DeviceException("cannot read the board snapshot " + file + ": " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || n.path("formatVersion").asInt() != FORMAT_VERSION) {
            throw new DeviceException("board snapshot " + file + " has an unknown format (formatVersion "
                    + (n == null ? "missing" : n.path("formatVersion")) + ", this tunerd reads " + FORMAT_VERSION + ")");
        }
        String savedBoard = n.path("board").asText();
        String savedRoot = n.path("sysfsRoot").asText();
        if (!savedBoard.equals(board) || !savedRoot.equals(sysfsRoot.toString())) {
            throw new DeviceException("board snapshot " + file + " holds the settings of board '" + savedBoard
                    + "' under " + savedRoot + ", not of '" + board + "' under " + sysfsRoot
                    + ": restore it with the configuration it was taken with, or move it away");
        }
        Map<String, String> files = new LinkedHashMap<>();
        JsonNode f = n.path("files");
        for (Iterator<Map.Entry<String, JsonNode>> it = f.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("/") || !e.getValue().isTextual()) {
                throw new DeviceException("board snapshot " + file + ": entry " + e.getKey() + " = " + e.getValue()
                        + " is not a board path with a text value");
            }
            files.put(e.getKey(), e.getValue().asText());
        }
        return files;
    }

    /** Saves {@code files} (replacing what was saved) atomically and durably. */
    void save(Map<String, String> files, Instant taken) {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("board", board);
        n.put("sysfsRoot", sysfsRoot.toString());
        n.put("taken", taken.toString());
        ObjectNode f = n.putObject("files");
        files.forEach(f::put);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new DeviceException("cannot save the board's original settings to " + file + " (" + e.getMessage()
                    + "); not writing to the board", e);
        }
    }

    /** Removes the saved settings (after a successful restore), and the removal from the folder durably. */
    void delete() {
        try {
            Files.deleteIfExists(file);
            AtomicFiles.forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new DeviceException("cannot remove the board snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
