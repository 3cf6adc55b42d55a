package org.tunerd.daemon.device.jetson;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.DeviceException;

/**
 * Total board power from INA3221 monitors, with rails found by label in either kernel layout:
 * <ul>
 *   <li>{@code iio} (JetPack 4 and older, driver ina3221x): {@code rail_name_k} and {@code in_power_k_input} (mW);</li>
 *   <li>{@code hwmon} (JetPack 5+, driver ina3221): {@code in_k_label}, {@code in_k_input} (mV) and
 *       {@code curr_k_input} (mA).</li>
 * </ul>
 * Channels labelled {@code NC} (not connected) and the "sum of shunt voltages" channel are skipped. The total
 * is the first rail named in the profile's {@code totalRails} that exists, else the sum of all rails.
 */
public final class Ina3221Monitor implements PowerSource {

    private static final Logger LOG = LoggerFactory.getLogger(Ina3221Monitor.class);
    private static final Pattern IIO_RAIL = Pattern.compile("rail_name_(\\d+)");
    private static final Pattern HWMON_LABEL = Pattern.compile("in(\\d+)_label");

    /**
     * One monitored rail.
     *
     * @param label       rail name, e.g. {@code VDD_IN}
     * @param powerFile   iio: power in mW; null for hwmon
     * @param voltageFile hwmon: bus voltage in mV; null for iio
     * @param currentFile hwmon: current in mA; null for iio
     */
    public record Rail(String label, String powerFile, String voltageFile, String currentFile) {
        double watts(SysfsFiles files) {
            if (powerFile != null) {
                return files.readLong(powerFile) / 1e3;
            }
            return files.readLong(voltageFile) * (double) files.readLong(currentFile) / 1e6;
        }
    }

    private final SysfsFiles files;
    private final List<Rail> rails;
    private final List<Rail> total;

    private Ina3221Monitor(SysfsFiles files, List<Rail> rails, List<Rail> total) {
        this.files = files;
        this.rails = List.copyOf(rails);
        this.total = List.copyOf(total);
    }

    /** The monitor described by {@code power}, or empty if no rail is found. */
    public static Optional<Ina3221Monitor> discover(BoardProfile.Power power, SysfsFiles files) {
        List<Rail> rails = new ArrayList<>();
        for (BoardProfile.Source source : power.sources()) {
            for (String dir : files.glob(source.glob())) {
                rails.addAll(source.layout().equals("iio") ? iioRails(files, dir) : hwmonRails(files, dir));
            }
        }
        if (rails.isEmpty()) {
            return Optional.empty();
        }
        for (String name : power.totalRails()) {
            Optional<Rail> rail = rails.stream().filter(r -> r.label().equals(name)).findFirst();
            if (rail.isPresent()) {
                LOG.info("power monitor: total = rail {} ({}); rails {}", name,
                        rail.get().powerFile() != null ? rail.get().powerFile() : rail.get().voltageFile(), labels(rails));
                return Optional.of(new Ina3221Monitor(files, rails, List.of(rail.get())));
            }
        }
        LOG.info("power monitor: no input rail {} found; total = sum of rails {}", power.totalRails(), labels(rails));
        return Optional.of(new Ina3221Monitor(files, rails, rails));
    }

    private static List<String> labels(List<Rail> rails) {
        return rails.stream().map(Rail::label).toList();
    }

    private static List<Rail> iioRails(SysfsFiles files, String dir) {
        List<Rail> out = new ArrayList<>();
        for (var e : channels(files, dir, IIO_RAIL).entrySet()) {
            String label = files.read(dir + "/rail_name_" + e.getKey());
            String power = dir + "/in_power" + e.getKey() + "_input";
            if (!skipped(label) && files.exists(power)) {
                out.add(new Rail(label, power, null, null));
            }
        }
        return out;
    }

    private static List<Rail> hwmonRails(SysfsFiles files, String dir) {
        List<Rail> out = new ArrayList<>();
        for (var e : channels(files, dir, HWMON_LABEL).entrySet()) {
            String label = files.read(dir + "/in" + e.getKey() + "_label");
            String voltage = dir + "/in" + e.getKey() + "_input";
            String current = dir + "/curr" + e.getKey() + "_input";
            if (!skipped(label) && files.exists(voltage) && files.exists(current)) {
                out.add(new Rail(label, null, voltage, current));
            }
        }
        return out;
    }

    /** Channel numbers (ascending) of the files in {@code dir} matching {@code pattern}. */
    private static TreeMap<Integer, String> channels(SysfsFiles files, String dir, Pattern pattern) {
        TreeMap<Integer, String> out = new TreeMap<>();
        Path folder = files.resolve(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Integer.parseInt(m.group(1)), p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new DeviceException("cannot list power monitor folder " + dir + ": " + e, e);
        }
        return out;
    }

    /** Not connected channels and the "sum of shunt voltages" channel. */
    static boolean skipped(String label) {
        String l = label.trim();
        if (l.isEmpty() || l.toLowerCase(Locale.ROOT).contains("sum of shunt")) {
            return true;
        }
        for (String token : l.split("[\\s_-]+")) {
            if (token.equals("NC")) {
                return true;
            }
        }
        return false;
    }

    /** Every rail found. */
    public List<Rail> rails() {
        return rails;
    }

    /** The rails summed into the total (one input rail, or all rails). */
    public List<Rail> totalRails() {
        return total;
    }

    @Override
    public double watts() {
        double sum = 0;
        for (Rail r : total) {
            sum += r.watts(files);
        }
        return sum;
    }
}
