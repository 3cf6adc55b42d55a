package org.tunerd.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.store.SessionCheckpoint;
import org.tunerd.daemon.store.SessionStore;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/**
 * Stored sources, stored measurements of the target and an interrupted session's measurements are presented to
 * the device in its categorical codes, matched by label, never by position.
 */
class SourceLabelsTest {

    private static final Environment SOURCE = new Environment("TX2", "xception", 200, 200);
    private static final Environment TARGET = new Environment("TX2", "xception", 600, 600);

    @TempDir
    Path dir;

    private static ConfigurationSpace space(int cores, String... precision) {
        List<Double> counts = new ArrayList<>();
        for (int i = 1; i <= cores; i++) {
            counts.add((double) i);
        }
        return new ConfigurationSpace(List.of(Option.ordinal("cores", counts),
                Option.categorical("precision", List.of(precision))));
    }

    /** Latency 1 s per core count for fp32, 0.1 s for fp16, 0.01 s for int8: the label is readable from it. */
    private static double latency(ConfigurationSpace space, Configuration c) {
        String label = space.require("precision").label(c.get("precision"));
        double scale = switch (label) {
            case "fp32" -> 1.0;
            case "fp16" -> 0.1;
            default -> 0.01;
        };
        return scale * c.get("cores");
    }

    private ModelStore storeWith(ConfigurationSpace recorded) {
        ModelStore store = new ModelStore(dir.resolve("models"), new ConfigLoader().defaults().store().similarity());
        List<Measurement> all = recorded.stream().map(c -> new Measurement(c, latency(recorded, c), 1.0)).toList();
        Instant now = Instant.now();
        store.save(new StoredModel(new MeasurementSet(SOURCE, recorded, all), List.of(), Map.of(), now, now));
        return store;
    }

    @Test
    void aSourceRecordedWithReorderedLabelsIsPresentedInTheDevicesCodes() {
        ConfigurationSpace device = space(6, "fp16", "fp32");
        ModelStore store = storeWith(space(6, "fp32", "fp16"));

        for (List<MeasurementSet> sources : List.of(new SourceSelector(store, device, 2).select(TARGET),
                new SourceSelector(store, device, 2).resume(TARGET, SOURCE.id(), List.of()))) {
            assertEquals(1, sources.size());
            MeasurementSet source = sources.get(0);
            assertEquals(12, source.size());
            assertEquals(List.of("fp16", "fp32"), source.space().require("precision").labels());
            // device code 0 is fp16: the fast one, whatever code fp16 had in the store
            assertEquals(0.3, source.find(Configuration.of("cores", 3, "precision", 0)).orElseThrow().latency(), 1e-12);
            assertEquals(3.0, source.find(Configuration.of("cores", 3, "precision", 1)).orElseThrow().latency(), 1e-12);
            for (Measurement m : source.measurements()) {
                assertEquals(latency(device, m.configuration()), m.latency(), 1e-12, m.toString());
            }
        }
    }

    @Test
    void measurementsOfALabelTheDeviceDroppedAreLeftOutAndMayLeaveTooFewToBeASource() {
        ConfigurationSpace device = space(5, "fp16", "fp32");
        MeasurementSet kept = new SourceSelector(storeWith(space(5, "fp32", "fp16", "int8")), device, 1)
                .select(TARGET).get(0);
        assertEquals(10, kept.size(), "the 5 int8 measurements are left out");
        assertTrue(kept.measurements().stream().allMatch(m -> latency(device, m.configuration()) == m.latency()));
    }

    @Test
    void aSourceLeftWithTooFewMeasurementsIsNotUsable() {
        ConfigurationSpace device = space(4, "fp16", "fp32");
        ModelStore store = storeWith(space(4, "fp32", "fp16", "int8"));
        assertEquals(12, store.get(SOURCE).orElseThrow().data().size(), "usable before the labels are compared");
        assertEquals(List.of(), new SourceSelector(store, device, 1).select(TARGET), "8 left: cold start");
    }

    @Test
    void storedAndCheckpointedMeasurementsOfTheTargetAreResumedInTheDevicesCodes() {
        ConfigurationSpace device = space(6, "fp16", "fp32");
        ConfigurationSpace stored = space(6, "fp32", "fp16");
        ModelStore store = new ModelStore(dir.resolve("models"), new ConfigLoader().defaults().store().similarity());
        Instant now = Instant.now();
        store.save(new StoredModel(new MeasurementSet(TARGET, stored, List.of(
                new Measurement(Configuration.of("cores", 1, "precision", 0), latency(stored, Configuration.of(
                        "cores", 1, "precision", 0)), 1.0))), List.of(), Map.of(), now, now));
        ConfigurationSpace checkpointed = space(6, "fp32", "fp16", "int8");
        List<Measurement> measured = List.of(
                new Measurement(Configuration.of("cores", 2, "precision", 1), 0.2, 1.0),  // fp16
                new Measurement(Configuration.of("cores", 2, "precision", 2), 0.02, 1.0)); // int8: gone
        SessionStore sessions = new SessionStore(dir.resolve("sessions"));
        sessions.save(new SessionCheckpoint("s-1", TARGET, "test", checkpointed, Optional.empty(), List.of(),
                Map.of(), List.of(), measured, now, now, Optional.empty()));

        SessionRequests.Prepared prepared = new SessionRequests(store, sessions, new SpaceOnly(device))
                .prepare(TARGET, true, new ConfigLoader().defaults());

        assertEquals(List.of(new Measurement(Configuration.of("cores", 1, "precision", 1), 1.0, 1.0),
                new Measurement(Configuration.of("cores", 2, "precision", 0), 0.2, 1.0)), prepared.resumed(),
                "fp32 is device code 1, fp16 device code 0; the int8 measurement is left out");
        assertEquals(List.of(Configuration.of("cores", 1, "precision", 1)),
                prepared.known().orElseThrow().data().configurations(), "the stored model as the archive merges it");
    }

    /** A device that only describes its space: preparing a session does not touch the board. */
    private record SpaceOnly(ConfigurationSpace space) implements Device {
        @Override
        public DeviceDescription describe() {
            return new DeviceDescription("TX2", Map.of(), space, true, EnergyUnit.JOULES);
        }

        @Override
        public Configuration current() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void apply(Configuration configuration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Measurement measure(Workload workload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restore() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
