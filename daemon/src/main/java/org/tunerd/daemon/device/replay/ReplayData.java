package org.tunerd.daemon.device.replay;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.data.DatasetFormatException;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;

/**
 * Measured data sets to replay, each named by its file's stem ({@code xception_200x200} for
 * {@code xception_200x200.csv}): the files of one or more folders, or single files. They may hold several
 * boards, and several files of one environment (for example the same runs with and without software
 * option columns); a {@link ReplayDevice} is made from the entries of one board.
 */
public final class ReplayData {

    /**
     * One data file.
     *
     * @param name its stem, unique among the entries
     * @param file where it was read from
     * @param data its measurements
     */
    public record Entry(String name, Path file, MeasurementSet data) {

        /** The board the data was measured on (the environment's hardware). */
        public String board() {
            return data.environment().hardware();
        }
    }

    private final Map<String, Entry> entries;

    private ReplayData(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Reads every {@code *.csv} of each folder (sorted by name) and each file given, in the order given.
     * A missing path, an empty folder, a malformed file or two files with the same stem is a
     * {@link DeviceException} naming the path, file and line.
     */
    public static ReplayData read(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new DeviceException("no replay data given: name a folder of measurement CSV files or a file");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Path path : paths) {
            List<Path> files;
            if (Files.isDirectory(path)) {
                try {
                    files = StudyCsvReader.csvFiles(path);
                } catch (UncheckedIOException e) {
                    throw new DeviceException("cannot load replay data from " + path + ": " + e.getMessage(), e);
                }
                if (files.isEmpty()) {
                    throw new DeviceException("no *.csv measurement files in replay folder " + path);
                }
            } else if (Files.isRegularFile(path)) {
                files = List.of(path);
            } else {
                throw new DeviceException("cannot load replay data from " + path + ": no such folder or file");
            }
            for (Path file : files) {
                String name = stem(file);
                MeasurementSet data;
                try {
                    data = StudyCsvReader.read(file);
                } catch (UncheckedIOException | DatasetFormatException e) {
                    throw new DeviceException("cannot load replay data from " + path + ": " + e.getMessage(), e);
                }
                Entry earlier = entries.putIfAbsent(name, new Entry(name, file, data));
                if (earlier != null) {
                    throw new DeviceException("two replay files are named " + name + ": " + earlier.file() + " and "
                            + file + "; give only one of them");
                }
            }
        }
        return new ReplayData(entries);
    }

    /** {@link #read(List)} of one folder or file. */
    public static ReplayData read(Path path) {
        return read(List.of(path));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }

    /** Every entry, in reading order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The entry named {@code name} (a file stem). */
    public Optional<Entry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The file stems, in reading order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** The boards (hardware names) the data covers, in reading order. */
    public List<String> boards() {
        return entries.values().stream().map(Entry::board).distinct().toList();
    }

    /** The entries of {@code board} (hardware name, any case), in reading order. */
    public List<Entry> onBoard(String board) {
        return entries.values().stream().filter(e -> e.board().equalsIgnoreCase(board)).toList();
    }

    /**
     * A device replaying {@code chosen}, which must be of one board and of distinct environments; fails
     * naming the two files of an environment that is given twice.
     */
    public static ReplayDevice device(List<Entry> chosen, double noiseSigma, long seed) {
        Map<Object, Entry> byEnvironment = new LinkedHashMap<>();
        List<MeasurementSet> sets = new ArrayList<>();
        for (Entry e : chosen) {
            Entry earlier = byEnvironment.putIfAbsent(e.data().environment(), e);
            if (earlier != null) {
                throw new DeviceException("replay files " + earlier.file() + " and " + e.file() + " both hold "
                        + e.data().environment() + "; a device answers one data set per environment: choose one");
            }
            sets.add(e.data());
        }
        return new ReplayDevice(sets, noiseSigma, seed);
    }
}
