package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;

/** The write protocol, checked file by file against fake trees of each board. */
class JetsonApplyTest {

    @TempDir
    Path root;

    private static final String CPU = "/sys/devices/system/cpu";
    private static final String TX2_GPU = "/sys/devices/17000000.gp10b/devfreq/17000000.gp10b";
    private static final String EMC = "/sys/kernel/debug/bpmp/debug/clk/emc";

    private static Configuration config(int cores, long cpu, long gpu, long emc) {
        return Configuration.of("cores", cores, "cpu_freq", cpu, "gpu_freq", gpu, "emc_freq", emc);
    }

    private static List<String> writes(FakeBoard b) {
        return b.kernel.writes().stream().map(FakeKernel.Write::toString).toList();
    }

    @Test
    void tx2WritesExactlyTheStudyProtocol() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            d.apply(config(2, 1113600, 497250000, 1331200000));
            assertEquals(List.of(
                    // cpu3 is already online: not written
                    CPU + "/cpu4/online=0",
                    CPU + "/cpu5/online=0",
                    CPU + "/cpu0/cpufreq/scaling_governor=userspace",
                    // lowering (1113600 is below the current max): min first
                    CPU + "/cpu0/cpufreq/scaling_min_freq=1113600",
                    CPU + "/cpu0/cpufreq/scaling_max_freq=1113600",
                    "/sys/devices/17000000.gp10b/railgate_enable=0",
                    TX2_GPU + "/min_freq=497250000",
                    TX2_GPU + "/max_freq=497250000",
                    // the study: rate, then mrq_rate_locked = 1
                    EMC + "/rate=1331200000",
                    EMC + "/mrq_rate_locked=1"), writes(b));
            assertEquals(config(2, 1113600, 497250000, 1331200000), d.current());

            b.kernel.clearWrites();
            d.apply(config(4, 2035200, 1300500000, 1866000000));
            assertEquals(List.of(
                    CPU + "/cpu4/online=1",
                    CPU + "/cpu5/online=1",
                    // raising above the current max: max first
                    CPU + "/cpu0/cpufreq/scaling_max_freq=2035200",
                    CPU + "/cpu0/cpufreq/scaling_min_freq=2035200",
                    TX2_GPU + "/max_freq=1300500000",
                    TX2_GPU + "/min_freq=1300500000",
                    EMC + "/rate=1866000000"), writes(b));
            assertEquals(config(4, 2035200, 1300500000, 1866000000), d.current());
        }
    }

    @Test
    void tx2OffersWhatTheFilesList() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            DeviceDescription desc = d.describe();
            assertEquals("TX2", desc.hardware());
            assertTrue(desc.energyAvailable());
            assertEquals("tx2", desc.identity().get("profile"));
            assertEquals("24", desc.identity().get("tegra_chip_id"));
            var space = desc.space();
            assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), space.names());
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0), space.require("cores").values());
            assertEquals(12, space.require("cpu_freq").size());
            assertEquals(345600.0, space.require("cpu_freq").min());
            assertEquals(14, space.require("gpu_freq").size());
            assertEquals(11, space.require("emc_freq").size());
            assertEquals(40800000.0, space.require("emc_freq").min());
            assertEquals(1866000000.0, space.require("emc_freq").max());
        }
    }

    @Test
    void tx2OffersEveryConfigurationOfTheStudyData() {
        MeasurementSet data = Datasets.read("inceptionv3_600x600");
        try (JetsonDevice d = FakeBoard.tx2(root).tx2Power(5000).open()) {
            var space = d.describe().space();
            data.measurements().forEach(m -> assertTrue(space.contains(m.configuration()), m.configuration().toString()));
            assertEquals(768, data.measurements().size());
        }
    }

    @Test
    void offeredSubsetReproducesTheStudySpace() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        JetsonSettings study = JetsonSettings.defaults()
                .withOffered("gpu_freq", List.of(140250000.0, 497250000.0, 943500000.0, 1300500000.0))
                .withOffered("emc_freq", List.of(1062400000.0, 1331200000.0, 1600000000.0, 1866000000.0));
        try (JetsonDevice d = b.open(study)) {
            assertEquals(768, d.describe().space().size());
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.apply(config(4, 2035200, 1300500000, 800000000)));
            assertTrue(e.getMessage().contains("configured subset"), e.getMessage());
        }
        DeviceException e = assertThrows(DeviceException.class,
                () -> b.open(study.withOffered("gpu_freq", List.of(1300000000.0))));
        assertTrue(e.getMessage().contains("1300000000") && e.getMessage().contains("available_frequencies"),
                e.getMessage());
        assertThrows(DeviceException.class, () -> b.open(study.withOffered("fan", List.of(1.0))));
    }

    @Test
    void lowerWithinTheRangeWritesMinFirstEvenWhenTheKernelChecksOrder() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            d.apply(config(4, 652800, 140250000, 1062400000));
            b.kernel.clearWrites();
            // 345600 is below the current max 652800: min first, then max
            d.apply(config(4, 345600, 140250000, 1062400000));
            assertEquals(List.of(CPU + "/cpu0/cpufreq/scaling_min_freq=345600",
                    CPU + "/cpu0/cpufreq/scaling_max_freq=345600"), writes(b));
        }
    }

    @Test
    void valueThatDoesNotTakeRollsEverythingBack() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            Map<String, String> before = b.state();
            // the kernel does not take the GPU minimum: it keeps reading the old value
            b.kernel.ignore(TX2_GPU + "/min_freq", "140250000");
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.apply(config(1, 960000, 1300500000, 1600000000)));
            assertTrue(e.getMessage().contains(TX2_GPU + "/min_freq") && e.getMessage().contains("rolled back")
                    && e.getMessage().contains("reads back '140250000'"), e.getMessage());
            assertEquals(before, b.state(), "every file is back as before the apply");
            // the EMC was never reached
            assertFalse(writes(b).stream().anyMatch(w -> w.startsWith(EMC)), writes(b).toString());
        }
    }

    @Test
    void refusedWriteRollsBackInSafeOrder() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            d.apply(config(3, 1420800, 765000000, 1331200000));
            Map<String, String> before = b.state();
            b.kernel.refuse(EMC + "/rate");
            b.kernel.clearWrites();
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.apply(config(1, 2035200, 1300500000, 1866000000)));
            assertTrue(e.getMessage().contains(EMC + "/rate") && e.getMessage().contains("rolled back"), e.getMessage());
            assertEquals(before, b.state());
            List<String> w = writes(b);
            // forward: cpu5 stays off, cpu4 and cpu3 off, then CPU raised (max first) ...
            assertEquals(CPU + "/cpu3/online=0", w.get(0));
            assertEquals(CPU + "/cpu4/online=0", w.get(1));
            // ... and the rollback lowers the CPU again with min first, and brings the cores back last to first
            int rollback = w.indexOf(TX2_GPU + "/min_freq=1300500000") + 1;
            assertEquals(List.of(TX2_GPU + "/min_freq=765000000", TX2_GPU + "/max_freq=765000000",
                    CPU + "/cpu0/cpufreq/scaling_min_freq=1420800", CPU + "/cpu0/cpufreq/scaling_max_freq=1420800",
                    CPU + "/cpu4/online=1", CPU + "/cpu3/online=1"), w.subList(rollback, w.size()));
            b.kernel.allowAll();
        }
    }

    @Test
    void refusesToTakeCpu0Offline() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.apply(config(0, 2035200, 1300500000, 1866000000)));
            assertTrue(e.getMessage().contains("cpu0") && e.getMessage().contains("cores = 0"), e.getMessage());
            assertEquals(List.of(), b.kernel.writes());
        }
    }

    @Test
    void refusesValuesTheBoardDoesNotList() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open()) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> d.apply(config(4, 1000000, 1300500000, 1866000000)));
            assertTrue(e.getMessage().contains("cpu_freq = 1000000") && e.getMessage().contains("not offered")
                    && e.getMessage().contains(CPU + "/cpu0/cpufreq/scaling_available_frequencies"), e.getMessage());
            e = assertThrows(DeviceException.class, () -> d.apply(config(5, 2035200, 1300500000, 1866000000)));
            assertTrue(e.getMessage().contains("cores = 5"), e.getMessage());
            e = assertThrows(DeviceException.class, () -> d.apply(config(4, 2035200, 1300500000, 1866000001)));
            assertTrue(e.getMessage().contains("emc_freq") && e.getMessage().contains("possible_rates"), e.getMessage());
            e = assertThrows(DeviceException.class,
                    () -> d.apply(config(4, 2035200, 1300500000, 1866000000).with("core_mask", 3)));
            assertTrue(e.getMessage().contains("core_mask"), e.getMessage());
            assertEquals(List.of(), b.kernel.writes());
        }
    }

    @Test
    void restorePutsTheSnapshotBack() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        Map<String, String> original = b.state();
        try (JetsonDevice d = b.open(JetsonSettings.defaults().withRestoreOnClose(false))) {
            d.apply(config(1, 345600, 140250000, 1062400000));
            d.apply(config(3, 2035200, 1300500000, 1866000000));
            d.apply(config(2, 960000, 497250000, 1331200000));
            assertEquals("schedutil", d.snapshot().get(CPU + "/cpu0/cpufreq/scaling_governor"));
            assertEquals("1", d.snapshot().get("/sys/devices/17000000.gp10b/railgate_enable"));
            assertEquals("0", d.snapshot().get(EMC + "/mrq_rate_locked"));
            d.restore();
            assertEquals(original, b.state());
            assertTrue(d.snapshot().isEmpty());
        }
        assertEquals(original, b.state());
    }

    @Test
    void closeRestoresWhenConfigured() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        Map<String, String> original = b.state();
        try (JetsonDevice d = b.open()) {
            d.apply(config(1, 345600, 140250000, 1062400000));
            assertFalse(original.equals(b.state()));
        }
        assertEquals(original, b.state());
    }

    @Test
    void closeLeavesTheBoardWhenNotConfiguredToRestore() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        try (JetsonDevice d = b.open(JetsonSettings.defaults().withRestoreOnClose(false))) {
            d.apply(config(1, 345600, 140250000, 1062400000));
        }
        assertEquals("345600", b.read(CPU + "/cpu0/cpufreq/scaling_max_freq"));
        assertEquals("0", b.read(CPU + "/cpu3/online"));
    }

    @Test
    void tx1UsesTheOverrideEmcClockLockFirst() {
        FakeBoard b = FakeBoard.tx1(root, "NVIDIA Jetson TX1");
        String gpu = "/sys/devices/57000000.gpu/devfreq/57000000.gpu";
        try (JetsonDevice d = b.open()) {
            assertEquals("TX1", d.describe().hardware());
            assertEquals(1065600000.0, d.describe().space().require("emc_freq").values().get(7));
            d.apply(config(3, 1224000, 460800000, 1065600000));
            assertEquals(List.of(
                    CPU + "/cpu3/online=0",
                    CPU + "/cpu0/cpufreq/scaling_governor=userspace",
                    CPU + "/cpu0/cpufreq/scaling_min_freq=1224000",
                    CPU + "/cpu0/cpufreq/scaling_max_freq=1224000",
                    "/sys/devices/57000000.gpu/railgate_enable=0",
                    gpu + "/min_freq=460800000",
                    gpu + "/max_freq=460800000",
                    "/sys/kernel/debug/clk/override.emc/clk_state=1",
                    "/sys/kernel/debug/clk/override.emc/clk_update_rate=1065600000"), writes(b));
        }
    }

    @Test
    void xavierPinsOnlyClustersWithOnlineCoresAndKeepsTheGovernor() {
        FakeBoard b = FakeBoard.xavier(root).xavierIio();
        String gpu = "/sys/devices/17000000.gv11b/devfreq/17000000.gv11b";
        try (JetsonDevice d = b.open()) {
            assertEquals(8, d.describe().space().require("cores").size());
            d.apply(config(3, 1344000, 675750000, 1600000000));
            List<String> expected = new ArrayList<>();
            for (int i = 3; i < 8; i++) {
                expected.add(CPU + "/cpu" + i + "/online=0");
            }
            expected.addAll(List.of(
                    CPU + "/cpu0/cpufreq/scaling_min_freq=1344000", CPU + "/cpu0/cpufreq/scaling_max_freq=1344000",
                    CPU + "/cpu2/cpufreq/scaling_min_freq=1344000", CPU + "/cpu2/cpufreq/scaling_max_freq=1344000",
                    "/sys/devices/17000000.gv11b/railgate_enable=0",
                    gpu + "/min_freq=675750000", gpu + "/max_freq=675750000",
                    EMC + "/mrq_rate_locked=1", EMC + "/rate=1600000000"));
            assertEquals(expected, writes(b));
            assertEquals("schedutil", b.read(CPU + "/cpu0/cpufreq/scaling_governor"));
            assertEquals("2265600", b.read(CPU + "/cpu4/cpufreq/scaling_max_freq"), "offline cluster untouched");
        }
    }

    @Test
    void orinJetPack5And6WriteTheirGpuNodes() {
        for (boolean jp6 : List.of(false, true)) {
            Path r = root.resolve(jp6 ? "jp6" : "jp5");
            FakeBoard b = FakeBoard.orin(r, jp6, jp6);
            String device = jp6 ? "/sys/devices/platform/bus@0/17000000.gpu" : "/sys/devices/17000000.ga10b";
            String gpu = device + (jp6 ? "/devfreq/17000000.gpu" : "/devfreq/17000000.ga10b");
            try (JetsonDevice d = b.open()) {
                assertEquals(jp6 ? "orin-jp6" : "orin-jp5", d.profile().name());
                assertEquals("Orin", d.describe().hardware());
                d.apply(config(12, 1651200, 918000000, 2133000000));
                assertEquals(List.of(
                        CPU + "/cpu0/cpufreq/scaling_max_freq=1651200",
                        CPU + "/cpu4/cpufreq/scaling_max_freq=1651200",
                        CPU + "/cpu8/cpufreq/scaling_max_freq=1651200"),
                        writes(b).stream().filter(w -> w.contains("scaling_max")).toList());
                assertEquals(List.of(device + "/railgate_enable=0", gpu + "/min_freq=918000000",
                        gpu + "/max_freq=918000000", EMC + "/mrq_rate_locked=1", EMC + "/rate=2133000000"),
                        writes(b).subList(writes(b).size() - 5, writes(b).size()));
                assertEquals(config(12, 1651200, 918000000, 2133000000), d.current());
            }
        }
    }

    @Test
    void missingControlFileFailsAtOpenNamingIt() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        b.delete(EMC + "/mrq_rate_locked");
        DeviceException e = assertThrows(DeviceException.class, b::open);
        assertTrue(e.getMessage().contains(EMC + "/mrq_rate_locked"), e.getMessage());
    }

    @Test
    void unavailableGovernorFailsAtOpen() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        b.file(CPU + "/cpu0/cpufreq/scaling_available_governors", "schedutil performance");
        DeviceException e = assertThrows(DeviceException.class, b::open);
        assertTrue(e.getMessage().contains("userspace") && e.getMessage().contains("scaling_available_governors"),
                e.getMessage());
    }
}
