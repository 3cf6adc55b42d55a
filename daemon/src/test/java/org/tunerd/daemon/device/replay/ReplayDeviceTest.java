package org.tunerd.daemon.device.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        DeviceException e = assertThrows(DeviceException.class, () -> device.apply(dropped));
        assertTrue(e.getMessage().contains(dropped.toString()), e.getMessage());

        // Measured in one environment but not in the other: apply works, measure in the lacking one fails.
        ReplayDevice mixed = new ReplayDevice(List.of(full.withMeasurements(rest), set("xception", 200)), 0, 1);
        mixed.apply(dropped);
        mixed.measure(Workload.of("xception", 200, 200));
        DeviceException lacking = assertThrows(DeviceException.class,
                () -> mixed.measure(Workload.of("xception", 400, 400)));
        assertTrue(lacking.getMessage().contains(dropped.toString())
                && lacking.getMessage().contains("xception/400x400"), lacking.getMessage());
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
}
