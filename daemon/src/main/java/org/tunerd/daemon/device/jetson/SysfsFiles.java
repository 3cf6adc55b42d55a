package org.tunerd.daemon.device.jetson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.device.DeviceException;

/**
 * Reads and writes kernel control files (sysfs, debugfs, procfs) under a root folder: {@code /} on a board,
 * a fake tree in tests. Board paths are absolute ({@code /sys/...}) and are resolved under the root.
 * Errors are {@link DeviceException}s naming the board path. Every write passes through an optional
 * {@link WriteObserver}, which tests use to record writes and to play the kernel (refuse or alter values).
 */
public final class SysfsFiles {

    /** Sees every write; the default observes nothing. */
    public interface WriteObserver {
        /** Called before the write; throwing an {@link IOException} makes the write fail, like EINVAL. */
        default void beforeWrite(String path, String value) throws IOException {
        }

        /** Called after the write succeeded (the kernel may have changed what it reads back). */
        default void afterWrite(String path, String value) throws IOException {
        }
    }

    private final Path root;
    private final WriteObserver observer;

    public SysfsFiles(Path root, WriteObserver observer) {
        this.root = Objects.requireNonNull(root, "root");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public SysfsFiles(Path root) {
        this(root, new WriteObserver() {
        });
    }

    public Path root() {
        return root;
    }

    /** The file for board path {@code path} under the root. */
    public Path resolve(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("board path must be absolute: " + path);
        }
        return root.resolve(path.substring(1));
    }

    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    /** The file's content, trimmed; fails naming the file if it is missing or unreadable. */
    public String read(String path) {
        try {
            return Files.readString(resolve(path), StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            throw new DeviceException("cannot read " + path + ": no such file under " + root);
        } catch (IOException e) {
            throw new DeviceException("cannot read " + path + ": " + e, e);
        }
    }

    /** The file's content, trimmed, or empty if it does not exist. */
    public Optional<String> readIfExists(String path) {
        return exists(path) ? Optional.of(read(path)) : Optional.empty();
    }

    /** The file's content as a whole number; fails naming the file and the content. */
    public long readLong(String path) {
        String text = read(path);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DeviceException("cannot read " + path + ": expected a whole number, got '" + text + "'");
        }
    }

    /**
     * Writes {@code value} (plus a newline, as {@code echo} does) in one write to an existing file; never
     * creates files. Fails naming the file and value.
     */
    public void write(String path, String value) {
        Path file = resolve(path);
        try {
            observer.beforeWrite(path, value);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            observer.afterWrite(path, value);
        } catch (NoSuchFileException e) {
            throw new DeviceException("cannot write '" + value + "' to " + path + ": no such file under " + root);
        } catch (IOException e) {
            throw new DeviceException("cannot write '" + value + "' to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Board paths matching {@code pattern}, sorted; {@code *} and {@code ?} match within one path element
     * (as in a shell glob), other elements are literal.
     */
    public List<String> glob(String pattern) {
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("glob must be absolute: " + pattern);
        }
        List<String> current = List.of("");
        for (String element : pattern.substring(1).split("/")) {
            List<String> next = new ArrayList<>();
            for (String base : current) {
                if (element.contains("*") || element.contains("?")) {
                    Path dir = resolve(base.isEmpty() ? "/" : base);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, element)) {
                        for (Path entry : entries) {
                            next.add(base + "/" + entry.getFileName());
                        }
                    } catch (IOException e) {
                        throw new DeviceException("cannot list " + (base.isEmpty() ? "/" : base) + ": " + e, e);
                    }
                } else if (exists(base + "/" + element)) {
                    next.add(base + "/" + element);
                }
            }
            current = next;
        }
        return current.stream().sorted().toList();
    }
}
