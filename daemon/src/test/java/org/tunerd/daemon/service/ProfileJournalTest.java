package org.tunerd.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.ForwardingDevice;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.Similarity;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/** Profiling writes the store at geometric intervals, every measurement to its journal, and resumes from both. */
class ProfileJournalTest {

    private static final Workload WORKLOAD = Workload.of("xception", 224, 224);
    private static final ConfigurationSpace TX2 = SimulatedDevice.tx2(1).describe().space();

    @TempDir
    Path dir;

    private ModelStore store() {
        return new ModelStore(dir.resolve("models"), Similarity.defaults());
    }

    /** A simulated TX2 that counts its measurements and fails the {@code failAt}-th (0 = never). */
    private static final class Counting extends ForwardingDevice {
        final AtomicInteger measured = new AtomicInteger();
        final int failAt;

        Counting(int failAt) {
            super(SimulatedDevice.tx2(1));
            this.failAt = failAt;
        }

        @Override
        public Measurement measure(Workload workload) {
            if (measured.incrementAndGet() == failAt) {
                throw new DeviceException("sensor lost");
            }
            return super.measure(workload);
        }
    }

    @Test
    void theStoreIsRewrittenAtGeometricIntervalsNotEveryTenMeasurements() {
        ModelStore store = store();
        List<Integer> sizes = new ArrayList<>();
        store.onChange(id -> sizes.add(store.get(id).orElseThrow().data().size()));
        new Profiler(new Counting(0), store, d -> { }).profile(WORKLOAD, 200, Duration.ZERO, 1, n -> { });
        assertEquals(List.of(10, 20, 30, 40, 50, 63, 79, 99, 124, 155, 194, 200), sizes);
    }

    @Test
    void aStoppedRunLosesNoMeasurementAndTheNextOneResumesFromTheJournal() {
        Counting failing = new Counting(37);
        assertThrows(DeviceException.class,
                () -> new Profiler(failing, store(), d -> { }).profile(WORKLOAD, 200, Duration.ZERO, 1, n -> { }));
        ModelStore store = store();
        String hardware = SimulatedDevice.tx2(1).describe().hardware();
        assertEquals(30, store.get(WORKLOAD.environment(hardware)).orElseThrow().data().size(),
                "stored at 10, 20 and 30 measurements");
        Path file = store.fileOf(WORKLOAD.environment(hardware).id());
        Path journal = file.resolveSibling("." + file.getFileName() + ".journal");
        assertEquals(36, new ProfileJournal(journal, TX2).read().size(), "every measurement taken is in the journal");

        Counting healthy = new Counting(0);
        List<Integer> progress = new ArrayList<>();
        var model = new Profiler(healthy, store, d -> { }).profile(WORKLOAD, 200, Duration.ZERO, 1, progress::add);
        assertEquals(36, progress.get(0), "30 stored and 6 journaled measurements are not taken again");
        assertEquals(200 - 36, healthy.measured.get());
        assertEquals(200, model.data().size());
        assertEquals(200, store().get(WORKLOAD.environment(hardware)).orElseThrow().data().size());
        assertFalse(Files.exists(journal), "the journal is deleted once everything is stored");
        assertTrue(Files.exists(file));
    }

    @Test
    void anIncompleteLastLineIsIgnoredAndABadLineElsewhereIsNamed() throws Exception {
        Path file = dir.resolve(".x.journal");
        ProfileJournal journal = new ProfileJournal(file, TX2);
        Configuration c = SimulatedDevice.tx2(1).describe().space().maximum();
        journal.append(new Measurement(c, 0.05, 0.3));
        journal.append(new Measurement(c.with("cores", 1), 0.09, Double.NaN));
        journal.close();
        Files.writeString(file, "{\"configuration\":{\"cores\":", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        List<Measurement> read = new ProfileJournal(file, TX2).read();
        assertEquals(List.of(new Measurement(c, 0.05, 0.3), new Measurement(c.with("cores", 1), 0.09, Double.NaN)), read);

        Files.writeString(file, "not json\n{\"configuration\":{},\"latency\":1}\n", StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ProfileJournal(file, TX2).read());
        assertTrue(e.getMessage().contains(file + ": line 1"), e.getMessage());
    }
}
