package org.tunerd.tests.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fake sysfs/debugfs/procfs tree of a Jetson TX2 (L4T 32) under a folder, as the board facts of
 * {@code shared/JETSON.md} give it: the files the {@code tx2} board profile reads and writes, at the board's
 * power-on values, and the iio INA3221 power monitors. The daemon, started as a separate process with
 * {@code device.sysfsRoot} pointing here, writes the real protocol into it. (The daemon module's
 * {@code FakeBoard} builds the same tree with a fake kernel in-process; a child JVM sees plain files.)
 */
final class FakeTx2Tree {

    static final String CPU = "/sys/devices/system/cpu";
    static final String GPU = "/sys/devices/17000000.gp10b";
    static final String GPU_DEVFREQ = GPU + "/devfreq/17000000.gp10b";
    static final String CPU_MAX = CPU + "/cpu0/cpufreq/scaling_max_freq";
    static final String GPU_MAX = GPU_DEVFREQ + "/max_freq";
    static final String EMC_RATE = "/sys/kernel/debug/bpmp/debug/clk/emc/rate";

    private static final String CPU_FREQS = "345600 499200 652800 806400 960000 1113600 1267200 1420800 1574400 "
            + "1728000 1881600 2035200";
    private static final String GPU_FREQS = "140250000 229500000 318750000 408000000 497250000 586500000 675750000 "
            + "765000000 854250000 943500000 1032750000 1122000000 1211250000 1300500000";

    private final Path root;

    private FakeTx2Tree(Path root) {
        this.root = root;
    }

    /** Writes the tree under {@code root}. */
    static FakeTx2Tree create(Path root) {
        FakeTx2Tree t = new FakeTx2Tree(root);
        t.file("/proc/device-tree/model", "NVIDIA Jetson TX2 Developer Kit\0");
        t.file("/proc/device-tree/compatible", "nvidia,p2771-0000\0nvidia,tegra186\0");
        t.file("/sys/module/tegra_fuse/parameters/tegra_chip_id", "24");
        t.file("/sys/devices/soc0/soc_id", "24");
        for (int i = 0; i < 6; i++) {
            t.dir(CPU + "/cpu" + i);
            if (i > 0) {
                t.file(CPU + "/cpu" + i + "/online", "1");
            }
        }
        for (String policy : new String[] {"cpu0", "cpu1"}) {
            String d = CPU + "/" + policy + "/cpufreq/";
            t.file(d + "scaling_available_frequencies", CPU_FREQS + " ");
            t.file(d + "scaling_available_governors",
                    "interactive conservative ondemand userspace powersave performance schedutil");
            t.file(d + "scaling_governor", "schedutil");
            t.file(d + "scaling_min_freq", "345600");
            t.file(d + "scaling_max_freq", "2035200");
            t.file(d + "scaling_cur_freq", "2035200");
        }
        t.file(GPU_DEVFREQ + "/available_frequencies", GPU_FREQS);
        t.file(GPU_DEVFREQ + "/min_freq", "140250000");
        t.file(GPU_DEVFREQ + "/max_freq", "1300500000");
        t.file(GPU_DEVFREQ + "/cur_freq", "1300500000");
        t.file(GPU + "/railgate_enable", "1");
        t.file("/sys/kernel/debug/bpmp/debug/emc/possible_rates",
                "40800 68000 102000 204000 408000 665600 800000 1062400 1331200 1600000 1866000 (kHz)");
        t.file(EMC_RATE, "1866000000");
        t.file("/sys/kernel/debug/bpmp/debug/clk/emc/mrq_rate_locked", "0");
        t.file("/sys/kernel/debug/bpmp/debug/clk/emc/min_rate", "204000000");
        t.file("/sys/kernel/debug/bpmp/debug/clk/emc/max_rate", "1866000000");
        t.iio("/sys/devices/3160000.i2c/i2c-0/0-0040/iio:device0", "0-0040",
                new String[] {"VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI"}, new int[] {1200, 800, 30});
        t.iio("/sys/devices/3160000.i2c/i2c-0/0-0041/iio:device1", "0-0041",
                new String[] {"VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR"}, new int[] {5000, 600, 400});
        return t;
    }

    Path root() {
        return root;
    }

    /** The real file behind board path {@code path}. */
    Path resolve(String path) {
        return root.resolve(path.substring(1));
    }

    /**
     * Every regular file of the tree with its content, trimmed: the whole state of the board. A file being
     * rewritten at this moment may read empty; callers compare states of a board nobody writes to.
     */
    Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put("/" + root.relativize(p), Files.readString(p, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Puts back the files a SIGKILL left empty. A real sysfs attribute takes a write in one call of its driver, so
     * a reader sees the old value or the new one; this tree's files are regular files, which the write truncates
     * before it writes the digits, so a kill between the two leaves a file empty, which no kernel shows. Such a
     * file gets its value from {@code original} (a value the board accepted); returns the paths repaired.
     */
    List<String> repairTornWrites(Map<String, String> original) {
        List<String> repaired = new ArrayList<>();
        state().forEach((path, value) -> {
            if (value.isEmpty() && !original.getOrDefault(path, "").isEmpty()) {
                file(path, original.get(path));
                repaired.add(path);
            }
        });
        return repaired;
    }

    private void iio(String device, String address, String[] labels, int[] milliwatts) {
        for (int k = 0; k < labels.length; k++) {
            file(device + "/rail_name_" + k, labels[k]);
            file(device + "/in_power" + k + "_input", Integer.toString(milliwatts[k]));
            file(device + "/in_voltage" + k + "_input", "5000");
            file(device + "/in_current" + k + "_input", Integer.toString(milliwatts[k] / 5));
        }
        Path link = resolve("/sys/bus/i2c/drivers/ina3221x/" + address);
        try {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, resolve(device).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void file(String path, String content) {
        try {
            Path p = resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dir(String path) {
        try {
            Files.createDirectories(resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
