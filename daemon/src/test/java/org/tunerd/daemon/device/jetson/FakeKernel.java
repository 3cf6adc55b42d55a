package org.tunerd.daemon.device.jetson;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the kernel behind a fake tree: records every write in order, refuses a min above max (EINVAL, as
 * cpufreq and devfreq do), never lets cpu0 go offline, and can be told to refuse a file or to ignore writes to it.
 */
final class FakeKernel implements SysfsFiles.WriteObserver {

    /** One write: path and value. */
    record Write(String path, String value) {
        @Override
        public String toString() {
            return path + "=" + value;
        }
    }

    private final List<Write> writes = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();
    private final Map<String, String> ignoredWith = new HashMap<>();
    private SysfsFiles files;
    private java.util.function.Consumer<Write> watcher = w -> { };
    /** What goes wrong with one write. */
    enum Fault { REFUSED, NOT_TAKEN }
    private int faultAt = -1;
    private Fault fault;
    private int counted;
    private String notTakenPath;
    private String notTakenValue;

    /** The {@code index}-th write from now (0 = the next) fails as {@code f} says; later writes are normal. */
    void injectAt(int index, Fault f) {
        faultAt = index;
        fault = f;
        counted = 0;
    }

    /** Calls {@code w} before each write the kernel lets through (to look at the world at that moment). */
    void beforeEachWrite(java.util.function.Consumer<Write> w) {
        this.watcher = w;
    }

    void attach(SysfsFiles files) {
        this.files = files;
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    void clearWrites() {
        writes.clear();
    }

    /** Writes to {@code path} fail with EINVAL. */
    void refuse(String path) {
        refused.add(path);
    }

    /** Forgets every refusal and ignored file. */
    void allowAll() {
        refused.clear();
        ignoredWith.clear();
    }

    /** Writes to {@code path} succeed but the file keeps reading {@code sticky}. */
    void ignore(String path, String sticky) {
        ignoredWith.put(path, sticky);
    }

    @Override
    public void beforeWrite(String path, String value) throws IOException {
        if (faultAt >= 0 && counted++ == faultAt) {
            faultAt = -1;
            if (fault == Fault.REFUSED) {
                throw new IOException("Input/output error (injected at this write of " + path + ")");
            }
            notTakenPath = path;
            notTakenValue = files.read(path);
        }
        if (refused.contains(path)) {
            throw new IOException("Invalid argument (fake kernel refuses " + path + ")");
        }
        if (path.endsWith("/cpu0/online")) {
            throw new IOException("Operation not permitted (cpu0 cannot go offline)");
        }
        String pair = null;
        boolean isMin = false;
        for (String[] p : new String[][] {{"scaling_min_freq", "scaling_max_freq"}, {"/min_freq", "/max_freq"}}) {
            if (path.endsWith(p[0])) {
                pair = path.substring(0, path.length() - p[0].length()) + p[1];
                isMin = true;
            } else if (path.endsWith(p[1])) {
                pair = path.substring(0, path.length() - p[1].length()) + p[0];
            }
        }
        if (pair != null && files.exists(pair)) {
            long v = Long.parseLong(value.trim());
            long other = files.readLong(pair);
            if (isMin ? v > other : v < other) {
                throw new IOException("Invalid argument: " + path + "=" + value + " would put min above max (" + pair
                        + "=" + other + ")");
            }
        }
        Write w = new Write(path, value);
        watcher.accept(w);
        writes.add(w);
    }

    @Override
    public void afterWrite(String path, String value) throws IOException {
        if (path.equals(notTakenPath)) {
            Files.writeString(files.resolve(path), notTakenValue + "\n"); // the kernel kept the old value
            notTakenPath = null;
        }
        String sticky = ignoredWith.get(path);
        if (sticky != null) {
            Files.writeString(files.resolve(path), sticky + "\n");
        }
    }
}
