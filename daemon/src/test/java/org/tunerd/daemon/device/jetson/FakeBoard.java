package org.tunerd.daemon.device.jetson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a fake sysfs/debugfs/procfs tree of one Jetson board under a temporary folder, from the board facts of
 * {@code shared/JETSON.md} and the study (written out here literally, independent of the board profiles, so the
 * tests check the profiles against the facts). Power monitors come in the iio or the hwmon layout.
 */
final class FakeBoard {

    static final String CPU = "/sys/devices/system/cpu";
    static final String BPMP_EMC = "/sys/kernel/debug/bpmp/debug/clk/emc";

    final Path root;
    final FakeKernel kernel = new FakeKernel();
    final SysfsFiles files;

    private FakeBoard(Path root) {
        this.root = root;
        this.files = new SysfsFiles(root, kernel);
        kernel.attach(files);
    }

    // ---- boards ----

    /** Jetson TX2, L4T 32: Denver cpu1-2, A57 cpu0,3-5; iio INA3221 at 0-0040 and 0-0041. */
    static FakeBoard tx2(Path root) {
        FakeBoard b = new FakeBoard(root);
        b.identity("NVIDIA Jetson TX2 Developer Kit", List.of("nvidia,p2771-0000", "nvidia,tegra186"), "24", "24");
        b.cpus(6);
        b.policy("cpu0", "345600 499200 652800 806400 960000 1113600 1267200 1420800 1574400 1728000 1881600 2035200",
                "schedutil");
        b.policy("cpu1", "345600 499200 652800 806400 960000 1113600 1267200 1420800 1574400 1728000 1881600 2035200",
                "schedutil");
        b.gpu("/sys/devices/17000000.gp10b", "devfreq/17000000.gp10b",
                "140250000 229500000 318750000 408000000 497250000 586500000 675750000 765000000 854250000 "
                        + "943500000 1032750000 1122000000 1211250000 1300500000");
        b.bpmpEmc("40800 68000 102000 204000 408000 665600 800000 1062400 1331200 1600000 1866000 (kHz)", 1866000000L);
        return b;
    }

    /** TX2 power monitors, iio layout (JetPack 4): VDD_IN is on 0-0041. */
    FakeBoard tx2Power(int vddInMilliwatts) {
        iio("/sys/devices/3160000.i2c/i2c-0/0-0040/iio:device0", "ina3221x", "0-0040",
                new String[] {"VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI"}, new int[] {1200, 800, 30});
        iio("/sys/devices/3160000.i2c/i2c-0/0-0041/iio:device1", "ina3221x", "0-0041",
                new String[] {"VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR"}, new int[] {vddInMilliwatts, 600, 400});
        return this;
    }

    /** Jetson TX1, L4T 28/32: four A57 cores, override.emc in debugfs. */
    static FakeBoard tx1(Path root, String model) {
        FakeBoard b = new FakeBoard(root);
        b.identity(model, List.of("nvidia,p2371-2180", "nvidia,jetson-cv", "nvidia,tegra210"), "33", null);
        b.cpus(4);
        b.policy("cpu0", "102000 204000 307200 403200 518400 614400 710400 825600 921600 1036800 1132800 1224000 "
                + "1326000 1428000 1555500 1632000 1734000", "interactive");
        b.gpu("/sys/devices/57000000.gpu", "devfreq/57000000.gpu",
                "76800000 153600000 230400000 307200000 384000000 460800000 537600000 614400000 691200000 "
                        + "768000000 844800000 921600000 998400000");
        b.file("/sys/kernel/debug/clk/emc/clk_possible_rates", "40800 68000 102000 204000 408000 665600 800000 "
                + "1065600 1331200 1600000");
        b.file("/sys/kernel/debug/clk/override.emc/clk_update_rate", "1600000000");
        b.file("/sys/kernel/debug/clk/override.emc/clk_state", "0");
        b.iio("/sys/devices/7000c400.i2c/i2c-1/1-0040/iio:device0", "ina3221x", "1-0040",
                new String[] {"VDD_IN", "VDD_GPU", "VDD_CPU"}, new int[] {4000, 900, 700});
        return b;
    }

    /** Jetson Nano: Tegra210 like the TX1, but another model. */
    static FakeBoard nano(Path root) {
        FakeBoard b = tx1(root, "NVIDIA Jetson Nano Developer Kit");
        b.identity("NVIDIA Jetson Nano Developer Kit", List.of("nvidia,p3450-0000", "nvidia,tegra210"), "33", null);
        return b;
    }

    /** Jetson AGX Xavier: eight Carmel cores in four clusters. */
    static FakeBoard xavier(Path root) {
        FakeBoard b = new FakeBoard(root);
        b.identity("Jetson-AGX", List.of("nvidia,p2972-0000", "nvidia,tegra194"), "25", "25");
        b.cpus(8);
        for (String p : List.of("cpu0", "cpu2", "cpu4", "cpu6")) {
            b.policy(p, "115200 422400 729600 1036800 1344000 1651200 1958400 2265600", "schedutil");
        }
        b.gpu("/sys/devices/17000000.gv11b", "devfreq/17000000.gv11b",
                "114750000 216750000 318750000 420750000 522750000 624750000 675750000 828750000 905250000 "
                        + "1032750000 1198500000 1236750000 1338750000 1377000000");
        b.bpmpEmc("204000 408000 665600 800000 1065600 1331200 1600000 1866000 2133000 (kHz)", 2133000000L);
        return b;
    }

    /** AGX Xavier monitors, iio layout (JetPack 4): no input rail. */
    FakeBoard xavierIio() {
        iio("/sys/devices/c240000.i2c/i2c-1/1-0040/iio:device0", "ina3221x", "1-0040",
                new String[] {"GPU", "CPU", "SOC"}, new int[] {3000, 2000, 1000});
        iio("/sys/devices/c240000.i2c/i2c-1/1-0041/iio:device1", "ina3221x", "1-0041",
                new String[] {"CV", "VDDRQ", "SYS5V"}, new int[] {100, 500, 1500});
        return this;
    }

    /** AGX Xavier monitors, hwmon layout (JetPack 5): no input rail, plus a sum-of-shunt channel. */
    FakeBoard xavierHwmon() {
        hwmon("/sys/devices/c240000.i2c/i2c-1/1-0040/hwmon/hwmon2", "1-0040",
                new String[] {"GPU", "CPU", "SOC"}, new int[] {5000, 5000, 5000}, new int[] {600, 400, 200});
        hwmon("/sys/devices/c240000.i2c/i2c-1/1-0041/hwmon/hwmon3", "1-0041",
                new String[] {"CV", "VDDRQ", "SYS5V"}, new int[] {5000, 5000, 5000}, new int[] {20, 100, 300});
        return this;
    }

    /** Jetson AGX Orin, JetPack 5 ({@code jp6 = false}) or 6: twelve cores in three clusters. */
    static FakeBoard orin(Path root, boolean jp6, boolean chipIdFile) {
        FakeBoard b = new FakeBoard(root);
        b.identity("Jetson AGX Orin", List.of("nvidia,p3737-0000+p3701-0000", "nvidia,p3701-0000", "nvidia,tegra234"),
                chipIdFile ? "35" : null, "35");
        b.cpus(12);
        for (String p : List.of("cpu0", "cpu4", "cpu8")) {
            b.policy(p, "115200 729600 1190400 1651200 2201600", "schedutil");
        }
        if (jp6) {
            b.gpu("/sys/devices/platform/bus@0/17000000.gpu", "devfreq/17000000.gpu", ORIN_GPU);
        } else {
            b.gpu("/sys/devices/17000000.ga10b", "devfreq/17000000.ga10b", ORIN_GPU);
        }
        b.bpmpEmc("204000 665600 2133000 3199000 (kHz)", 3199000000L);
        b.hwmon("/sys/devices/platform/c240000.i2c/i2c-1/1-0040/hwmon/hwmon" + (jp6 ? 1 : 3), "1-0040",
                new String[] {"VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0"}, new int[] {5000, 5000, 5000},
                new int[] {1000, 800, 2400});
        b.hwmon("/sys/devices/platform/c240000.i2c/i2c-1/1-0041/hwmon/hwmon" + (jp6 ? 2 : 4), "1-0041",
                new String[] {"NC", "VDDQ_VDD2_1V8AO", "NC"}, new int[] {0, 5000, 0}, new int[] {0, 150, 0});
        return b;
    }

    private static final String ORIN_GPU = "306000000 408000000 510000000 612000000 714000000 816000000 918000000 "
            + "1020000000 1122000000 1224000000 1300500000";

    // ---- building blocks ----

    void identity(String model, List<String> compatible, String chipId, String socId) {
        file("/proc/device-tree/model", model + "\0");
        file("/proc/device-tree/compatible", String.join("\0", compatible) + "\0");
        delete("/sys/module/tegra_fuse/parameters/tegra_chip_id");
        if (chipId != null) {
            file("/sys/module/tegra_fuse/parameters/tegra_chip_id", chipId);
        }
        if (socId != null) {
            file("/sys/devices/soc0/soc_id", socId);
        }
    }

    /** cpu0..cpu(n-1); every core but cpu0 has an online file holding 1 (cpu0 has none, as on arm64). */
    void cpus(int n) {
        for (int i = 0; i < n; i++) {
            dir(CPU + "/cpu" + i);
            if (i > 0) {
                file(CPU + "/cpu" + i + "/online", "1");
            }
        }
    }

    /** A cpufreq policy at its full range. */
    void policy(String cpu, String available, String governor) {
        String d = CPU + "/" + cpu + "/cpufreq/";
        String[] f = available.trim().split(" ");
        file(d + "scaling_available_frequencies", available + " ");
        file(d + "scaling_available_governors", "interactive conservative ondemand userspace powersave performance schedutil");
        file(d + "scaling_governor", governor);
        file(d + "scaling_min_freq", f[0]);
        file(d + "scaling_max_freq", f[f.length - 1]);
        file(d + "scaling_cur_freq", f[f.length - 1]);
    }

    /** A GPU device folder with its devfreq node at the full range and rail gating on. */
    void gpu(String device, String devfreq, String available) {
        String d = device + "/" + devfreq + "/";
        String[] f = available.trim().split(" ");
        file(d + "available_frequencies", available);
        file(d + "min_freq", f[0]);
        file(d + "max_freq", f[f.length - 1]);
        file(d + "cur_freq", f[f.length - 1]);
        file(device + "/railgate_enable", "1");
    }

    /** BPMP debugfs EMC clock (TX2, Xavier, Orin), unlocked at {@code rate}. */
    void bpmpEmc(String possibleRates, long rate) {
        file("/sys/kernel/debug/bpmp/debug/emc/possible_rates", possibleRates);
        file(BPMP_EMC + "/rate", Long.toString(rate));
        file(BPMP_EMC + "/mrq_rate_locked", "0");
        file(BPMP_EMC + "/min_rate", "204000000");
        file(BPMP_EMC + "/max_rate", Long.toString(rate));
    }

    /** An iio INA3221 device with three rails, linked from the ina3221x driver folder. */
    void iio(String device, String driver, String address, String[] labels, int[] milliwatts) {
        for (int k = 0; k < labels.length; k++) {
            file(device + "/rail_name_" + k, labels[k]);
            file(device + "/in_power" + k + "_input", Integer.toString(milliwatts[k]));
            file(device + "/in_voltage" + k + "_input", "5000");
            file(device + "/in_current" + k + "_input", Integer.toString(milliwatts[k] / 5));
        }
        Path deviceFolder = root.resolve(device.substring(1)).getParent();
        link("/sys/bus/i2c/drivers/" + driver + "/" + address, deviceFolder);
    }

    /** A hwmon INA3221 device: channels 1..3, shunt channels 4..6 and the sum-of-shunt channel 7. */
    void hwmon(String hwmonFolder, String address, String[] labels, int[] millivolts, int[] milliamps) {
        for (int k = 1; k <= labels.length; k++) {
            file(hwmonFolder + "/in" + k + "_label", labels[k - 1]);
            file(hwmonFolder + "/in" + k + "_input", Integer.toString(millivolts[k - 1]));
            file(hwmonFolder + "/curr" + k + "_input", Integer.toString(milliamps[k - 1]));
            file(hwmonFolder + "/in" + (k + 3) + "_input", "12");
        }
        file(hwmonFolder + "/in7_label", "sum of shunt voltages");
        file(hwmonFolder + "/in7_input", "40");
        file(hwmonFolder + "/name", "ina3221");
        Path deviceFolder = root.resolve(hwmonFolder.substring(1)).getParent().getParent();
        link("/sys/bus/i2c/drivers/ina3221/" + address, deviceFolder);
    }

    FakeBoard file(String path, String content) {
        try {
            Path p = root.resolve(path.substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    void dir(String path) {
        try {
            Files.createDirectories(root.resolve(path.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String path) {
        try {
            Files.deleteIfExists(root.resolve(path.substring(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void link(String path, Path target) {
        try {
            Path p = root.resolve(path.substring(1));
            Files.createDirectories(p.getParent());
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Content of a file, trimmed. */
    String read(String path) {
        return files.read(path);
    }

    /** Every regular file under the root with its content: the whole state of the fake board. */
    Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put("/" + root.relativize(p), Files.readString(p).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    JetsonDevice open() {
        return open(JetsonSettings.defaults().withSysfsRoot(root));
    }

    JetsonDevice open(JetsonSettings settings) {
        return JetsonDevice.open(settings.withSysfsRoot(root), files, System::nanoTime);
    }
}
