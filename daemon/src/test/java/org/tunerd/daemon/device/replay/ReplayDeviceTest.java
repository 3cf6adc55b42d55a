package org.tunerd.daemon.device.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

class ReplayDeviceTest {

    private static List<MeasurementSet> sets;

    @BeforeAll
    static void load() {
        sets = StudyCsvReader.readFolder(Datasets.tx2());
    }

    /** A device over the data loaded once (reading the folder is tested in describesTheDataHardwareAndSpace). */
    private static ReplayDevice device(double sigma, long seed) {
        return new ReplayDevice(sets, sigma, seed);
    }

    private static MeasurementSet set(String dnn, int size) {
        return sets.stream().filter(s -> s.environment().dnn().equals(dnn) && s.environment().width() == size)
                .findFirst().orElseThrow();
    }

    @Test
    void describesTheDataHardwareAndSpace() {
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        assertEquals("TX2", device.describe().hardware());
        assertEquals(768, device.describe().space().size());
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), device.describe().space().names());
        assertTrue(device.describe().energyAvailable());
        assertEquals(5, device.environments().size());
        assertTrue(device.environments().contains(new Environment("TX2", "xception", 400, 400)));
    }

    @Test
    void returnsExactlyTheRecordedValuesWithoutNoise() {
        ReplayDevice device = device(0, 1);
        // First data row of xception_200x200.csv, as printed in the file.
        Configuration row = Configuration.of("cores", 1, "cpu_freq", 1113600, "gpu_freq", 1300500000,
                "emc_freq", 1062400000);
        device.apply(row);
        Measurement m = device.measure(Workload.of("xception", 200, 200));
        assertEquals(row, m.configuration());
        assertEquals(0.18107464578416613, m.latency(), 0.0);
        assertEquals(2733.222222222222, m.energy(), 0.0);

        // Every configuration of an environment, including with repetitions (median of identical values).
        MeasurementSet inception = set("inceptionv3", 600);
        Workload workload = new Workload("InceptionV3", 600, 600, Map.of(), Optional.empty(), 2, 3);
        for (Measurement expected : inception.measurements()) {
            device.apply(expected.configuration());
            Measurement got = device.measure(workload);
            assertEquals(expected.latency(), got.latency(), 0.0, () -> "latency of " + expected.configuration());
            assertEquals(expected.energy(), got.energy(), 0.0, () -> "energy of " + expected.configuration());
        }
    }

    @Test
    void exposesTheDataOfAnEnvironment() {
        ReplayDevice device = device(0, 1);
        MeasurementSet data = device.data(Workload.of("xception", 400, 400));
        assertEquals(new Environment("TX2", "xception", 400, 400), data.environment());
        assertEquals(768, data.size());
        assertThrows(DeviceException.class, () -> device.data(Workload.of("xception", 300, 300)));
    }

    @Test
    void sameConfigurationAnswersPerEnvironment() {
        ReplayDevice device = device(0, 1);
        Configuration c = set("xception", 800).get(17).configuration();
        device.apply(c);
        assertEquals(set("xception", 800).find(c).orElseThrow().latency(),
                device.measure(Workload.of("xception", 800, 800)).latency(), 0.0);
        assertEquals(set("xception", 200).find(c).orElseThrow().latency(),
                device.measure(Workload.of("xception", 200, 200)).latency(), 0.0);
    }

    @Test
    void refusesAConfigurationOutsideTheSpaceNamingOptionAndValue() {
        ReplayDevice device = device(0, 1);
        Configuration before = device.current();
        Configuration bad = before.with("gpu_freq", 1e9);
        DeviceException e = assertThrows(DeviceException.class, () -> device.apply(bad));
        assertTrue(e.getMessage().contains("gpu_freq") && e.getMessage().contains("1000000000"), e.getMessage());
        assertEquals(before, device.current());

        DeviceException unknown = assertThrows(DeviceException.class,
                () -> device.apply(before.with("core_mask", 0)));
        assertTrue(unknown.getMessage().contains("core_mask"), unknown.getMessage());
    }

    @Test
    void refusesAConfigurationTheDataLacks() {
        MeasurementSet full = set("xception", 400);
        Configuration dropped = full.get(100).configuration();
        List<Measurement> rest = new ArrayList<>(full.measurements());
        rest.remove(100);
        ReplayDevice device = new ReplayDevice(List.of(full.withMeasurements(rest)), 0, 1);
        assertEquals(767, device.describe().space().size(), "it offers what it can answer");
        DeviceException e = assertThrows(DeviceException.class, () -> device.apply(dropped));
        assertTrue(e.getMessage().contains(dropped.toString()) && e.getMessage().contains("did not measure"),
                e.getMessage());

        // Measured in one environment but not in the other: a device answering both does not offer it.
        ReplayDevice mixed = new ReplayDevice(List.of(full.withMeasurements(rest), set("xception", 200)), 0, 1);
        assertEquals(767, mixed.describe().space().size());
        assertFalse(mixed.describe().space().contains(dropped));
        assertThrows(DeviceException.class, () -> mixed.apply(dropped));
    }

    @Test
    void unknownEnvironmentNamesWhatIsAvailable() {
        ReplayDevice device = device(0, 1);
        DeviceException e = assertThrows(DeviceException.class, () -> device.measure(Workload.of("resnet50", 224, 224)));
        assertTrue(e.getMessage().contains("resnet50/224x224"), e.getMessage());
        assertTrue(e.getMessage().contains("TX2/xception/800x800") && e.getMessage().contains("TX2/inceptionv3/600x600"),
                e.getMessage());
        Workload withAttribute = new Workload("xception", 200, 200, Map.of("batch", "4"), Optional.empty(), 0, 1);
        assertThrows(DeviceException.class, () -> device.measure(withAttribute));
    }

    @Test
    void noiseIsReproducibleForASeedAndCentredOnTheRecordedValue() {
        ReplayDevice a = device(0.05, 42);
        ReplayDevice b = device(0.05, 42);
        ReplayDevice c = device(0.05, 43);
        Workload w = Workload.of("xception", 600, 600);
        Measurement recorded = set("xception", 600).find(a.current()).orElseThrow();
        double sumLog = 0;
        int n = 400;
        for (int i = 0; i < n; i++) {
            Measurement ma = a.measure(w);
            Measurement mb = b.measure(w);
            Measurement mc = c.measure(w);
            assertEquals(ma, mb);
            assertNotEquals(ma.latency(), mc.latency());
            assertNotEquals(recorded.latency(), ma.latency());
            sumLog += Math.log(ma.latency() / recorded.latency());
        }
        // Mean log factor of 400 draws with sigma 0.05: standard error 0.0025.
        assertEquals(0, sumLog / n, 0.01);
    }

    @Test
    void restoreReturnsToTheInitialAllMaximumConfiguration() {
        ReplayDevice device = device(0, 1);
        Configuration initial = device.current();
        assertEquals(device.describe().space().maximum(), initial);
        Configuration other = set("xception", 200).get(0).configuration();
        device.apply(other);
        assertEquals(other, device.current());
        device.restore();
        assertEquals(initial, device.current());
    }

    @Test
    void badFoldersAreClearErrors(@TempDir Path dir) throws IOException {
        DeviceException empty = assertThrows(DeviceException.class, () -> ReplayDevice.fromFolder(dir, 0, 1));
        assertTrue(empty.getMessage().contains(dir.toString()), empty.getMessage());
        Path missing = dir.resolve("nope");
        DeviceException none = assertThrows(DeviceException.class, () -> ReplayDevice.fromFolder(missing, 0, 1));
        assertTrue(none.getMessage().contains(missing.toString()), none.getMessage());
        Files.writeString(dir.resolve("broken.csv"), "model_name size\nx 1x1\n");
        DeviceException broken = assertThrows(DeviceException.class, () -> ReplayDevice.fromFolder(dir, 0, 1));
        assertTrue(broken.getMessage().contains("broken.csv"), broken.getMessage());
    }

    @Test
    void refusesMixedHardware() {
        MeasurementSet tx2 = set("xception", 200);
        MeasurementSet other = new MeasurementSet(new Environment("TX1", "xception", 200, 200), tx2.space(),
                tx2.measurements());
        DeviceException e = assertThrows(DeviceException.class, () -> new ReplayDevice(List.of(tx2, other), 0, 1));
        assertTrue(e.getMessage().contains("TX1"), e.getMessage());
    }

    private static ReplayData.Entry entry(ReplayData data, String name) {
        return data.entry(name).orElseThrow();
    }

    @Test
    void aSampledSetOffersExactlyItsMeasuredConfigurations() {
        ReplayDevice device = ReplayDevice.fromData(Datasets.tx2Sampled().resolve("tx2_unknown_output1.csv"),
                Optional.empty(), 0, 1);
        MeasurementSet data = device.data(Workload.of("unknown", 0, 0));
        var space = device.describe().space();
        assertTrue(space.isListed());
        assertEquals(181, space.size());
        assertEquals(data.configurations(), space.configurations());
        assertEquals(data.get(0).configuration(), device.current(), "the all-maximum setting was not measured");
        assertFalse(device.describe().energyUnit().isJoules());
        assertTrue(device.describe().identity().get("energy_unit").contains("units of the data"));

        Configuration measured = data.get(3).configuration();
        device.apply(measured);
        assertEquals(data.get(3).latency(), device.measure(Workload.of("unknown", 0, 0)).latency(), 0.0);

        Configuration unlisted = measured.with("gpu_freq", 1.0e9);
        DeviceException frequency = assertThrows(DeviceException.class, () -> device.apply(unlisted));
        assertTrue(frequency.getMessage().contains("gpu_freq") && frequency.getMessage().contains("1000000000"),
                frequency.getMessage());
        Configuration unmeasured = space.configurations().stream().flatMap(c -> space.require("emc_freq").values()
                .stream().map(v -> c.with("emc_freq", v))).filter(c -> !space.contains(c)).findFirst().orElseThrow();
        DeviceException combination = assertThrows(DeviceException.class, () -> device.apply(unmeasured));
        assertTrue(combination.getMessage().contains("not one of the 181") && combination.getMessage()
                .contains("did not measure"), combination.getMessage());
        assertEquals(measured, device.current(), "a refused configuration changes nothing");
    }

    @Test
    void measuringAgainReturnsTheNextRecordedRun() {
        ReplayData data = ReplayData.read(Datasets.tx2Sampled());
        MeasurementSet raw = entry(data, "tx2_unknown_output1_raw").data();
        ReplayDevice device = ReplayData.device(List.of(entry(data, "tx2_unknown_output1_raw")), 0, 7);
        Workload once = Workload.of(raw.environment());
        Configuration c = raw.get(0).configuration();
        List<Double> recorded = raw.repetitions(c).orElseThrow().runs().stream().map(Measurement::latency).toList();
        assertEquals(5, recorded.size());
        device.apply(c);
        List<Double> seen = new ArrayList<>();
        for (int i = 0; i < 2 * recorded.size(); i++) {
            seen.add(device.measure(once).latency());
        }
        int start = recorded.indexOf(seen.get(0));
        assertTrue(start >= 0, "a recorded run, not invented noise: " + seen);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(recorded.get((start + i) % recorded.size()), seen.get(i), 0.0, "runs in recorded order, cyclic");
        }
        Measurement all = device.measure(once.withRepetitions(5));
        assertEquals(raw.find(c).orElseThrow().latency(), all.latency(), 0.0, "five runs: the data's median");
        assertEquals(raw.find(c).orElseThrow().energy(), all.energy(), 0.0);
        assertEquals(all, device.measure(once.withRepetitions(50)), "no recorded run counts twice without noise");

        List<Integer> starts = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            ReplayDevice d = ReplayData.device(List.of(entry(data, "tx2_unknown_output1_raw")), 0, seed);
            d.apply(c);
            starts.add(recorded.indexOf(d.measure(once).latency()));
        }
        assertTrue(starts.stream().distinct().count() > 1, "the seed chooses the first run: " + starts);
    }

    @Test
    void aFolderWithTwoBoardsNamesThemAndReplaysTheOneChosen() {
        DeviceException both = assertThrows(DeviceException.class,
                () -> ReplayDevice.fromFolder(Datasets.boardChange(), 0, 1));
        assertTrue(both.getMessage().contains("TX2") && both.getMessage().contains("Xavier")
                && both.getMessage().contains("device.board"), both.getMessage());
        DeviceException twoFiles = assertThrows(DeviceException.class,
                () -> ReplayDevice.fromData(Datasets.boardChange(), Optional.of("xavier"), 0, 1));
        assertTrue(twoFiles.getMessage().contains("xavier_xception_source.csv")
                && twoFiles.getMessage().contains("xavier_xception_source_wide.csv"), twoFiles.getMessage());
        DeviceException none = assertThrows(DeviceException.class,
                () -> ReplayDevice.fromData(Datasets.boardChange(), Optional.of("orin"), 0, 1));
        assertTrue(none.getMessage().contains("no board 'orin'"), none.getMessage());

        ReplayData data = ReplayData.read(Datasets.boardChange());
        assertEquals(List.of("TX2", "Xavier"), data.boards());
        ReplayDevice xavier = ReplayData.device(List.of(entry(data, "xavier_xception_source")), 0, 1);
        ReplayDevice tx2 = ReplayDevice.fromData(Datasets.boardChange().resolve("tx2_xception_5000img.csv"),
                Optional.of("tx2"), 0, 1);
        assertEquals("Xavier", xavier.describe().hardware());
        assertEquals(466, xavier.describe().space().size());
        assertEquals("TX2", tx2.describe().hardware());
        assertEquals(416, tx2.describe().space().size());
        assertFalse(xavier.describe().space().contains(tx2.current()), "each board its own tables");
    }

    @Test
    void replayDataNamesFilesByStemAndRefusesAmbiguousOnes(@TempDir Path dir) throws IOException {
        ReplayData data = ReplayData.read(List.of(Datasets.tx2(), Datasets.tx2Sampled()));
        assertEquals(List.of("inceptionv3_600x600", "xception_200x200", "xception_400x400", "xception_600x600",
                "xception_800x800", "tx2_unknown_output1", "tx2_unknown_output1_raw"), data.names());
        Files.copy(Datasets.tx2().resolve("xception_200x200.csv"), dir.resolve("xception_200x200.csv"));
        DeviceException twice = assertThrows(DeviceException.class, () -> ReplayData.read(List.of(Datasets.tx2(), dir)));
        assertTrue(twice.getMessage().contains("two replay files are named xception_200x200"), twice.getMessage());
        DeviceException sameEnvironment = assertThrows(DeviceException.class, () -> ReplayData.device(
                List.of(entry(data, "tx2_unknown_output1"), entry(data, "tx2_unknown_output1_raw")), 0, 1));
        assertTrue(sameEnvironment.getMessage().contains("both hold TX2/unknown/NA"), sameEnvironment.getMessage());
    }
}
