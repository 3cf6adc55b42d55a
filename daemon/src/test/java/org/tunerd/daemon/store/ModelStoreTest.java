package org.tunerd.daemon.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

class ModelStoreTest {

    @TempDir
    Path dir;

    static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0, 4.0)),
            Option.ordinal("gpu_freq", List.of(1.0e8, 1.3e9)), Option.categorical("mode", List.of("a", "b"))));

    static StoredModel model(Environment env, double scale) {
        List<Measurement> ms = SPACE.stream().limit(5)
                .map(c -> new Measurement(c, scale * (1 + c.get("cores")), c.get("cores") == 1 ? Double.NaN : scale * 2))
                .toList();
        return new StoredModel(new MeasurementSet(env, SPACE, ms),
                List.of(new InfluenceTerm(Metric.LATENCY, List.of(), 0.5),
                        new InfluenceTerm(Metric.ENERGY, List.of("cores", "gpu_freq"), -1.25e-9)),
                Map.of("learner", "rf", "strategy", "gs"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T03:04:05.123Z"));
    }

    static void assertSameModel(StoredModel expected, StoredModel actual) {
        assertEquals(expected.environment(), actual.environment());
        assertEquals(expected.space().options(), actual.space().options());
        assertEquals(expected.data().measurements().size(), actual.data().measurements().size());
        for (int i = 0; i < expected.data().size(); i++) {
            Measurement e = expected.data().get(i);
            Measurement a = actual.data().get(i);
            assertEquals(e.configuration(), a.configuration());
            assertEquals(List.copyOf(e.configuration().values().keySet()), List.copyOf(a.configuration().values().keySet()));
            assertEquals(e.latency(), a.latency());
            assertEquals(Double.doubleToLongBits(e.energy()), Double.doubleToLongBits(a.energy()));
        }
        assertEquals(expected.influence(), actual.influence());
        assertEquals(expected.settings(), actual.settings());
        assertEquals(expected.created(), actual.created());
        assertEquals(expected.updated(), actual.updated());
    }

    @Test
    void savedModelsReadBackExactlyInANewStore() throws Exception {
        Environment env = new Environment("TX2", "xception", 400, 400, Map.of("batch", "1"));
        StoredModel m = model(env, 0.123456789012345);
        new ModelStore(dir, Similarity.defaults()).save(m);
        assertTrue(Files.readString(dir.resolve(env.id() + ".json")).contains("\"formatVersion\" : 1"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(env.id() + ".json"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary files are left behind");
        }
        ModelStore reopened = new ModelStore(dir, Similarity.defaults());
        assertEquals(List.of(), reopened.problems());
        assertSameModel(m, reopened.get(env).orElseThrow());

        StoredModel newer = model(env, 2.0);
        reopened.save(newer);
        assertSameModel(newer, new ModelStore(dir, Similarity.defaults()).get(env.id()).orElseThrow());
        assertTrue(reopened.delete(env));
        assertEquals(0, new ModelStore(dir, Similarity.defaults()).size());
    }

    @Test
    void corruptAndUnknownVersionFilesAreReportedAndSkippedWithoutLosingTheOthers() throws Exception {
        ModelStore store = new ModelStore(dir, Similarity.defaults());
        Environment good = new Environment("TX2", "xception", 200, 200);
        store.save(model(good, 1));
        Files.writeString(dir.resolve("truncated.json"), "{\"formatVersion\": 1, \"environment\": {");
        String future = Files.readString(store.fileOf(good.id())).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        Files.writeString(dir.resolve("future.json"), future);
        String badLatency = Files.readString(store.fileOf(good.id())).replaceFirst("\"latency\" : [0-9.]+", "\"latency\" : -1");
        Files.writeString(dir.resolve("negative.json"), badLatency);
        String outside = Files.readString(store.fileOf(good.id())).replaceFirst("\"cores\" : 1,", "\"cores\" : 3,");
        Files.writeString(dir.resolve("outside.json"), outside);
        Files.writeString(dir.resolve("dupe.json"), Files.readString(store.fileOf(good.id())));

        List<StoreProblem> problems = store.refresh();
        assertEquals(1, store.size());
        assertTrue(store.get(good).isPresent());
        Map<String, String> byFile = new java.util.TreeMap<>();
        problems.forEach(p -> byFile.put(p.file().getFileName().toString(), p.reason()));
        assertEquals(List.of("dupe.json", "future.json", "negative.json", "outside.json", "truncated.json"),
                List.copyOf(byFile.keySet()));
        assertTrue(byFile.get("truncated.json").startsWith("not valid JSON"), byFile.toString());
        assertEquals("formatVersion: unsupported version 2 (this tunerd reads 1)", byFile.get("future.json"));
        assertTrue(byFile.get("negative.json").startsWith("measurements[0]: latency must be positive"), byFile.toString());
        assertTrue(byFile.get("outside.json").startsWith("measurements[0].configuration: option 'cores' does not offer 3"),
                byFile.toString());
        assertTrue(byFile.get("dupe.json").contains("already loaded from"), byFile.toString());
        assertTrue(Files.exists(dir.resolve("truncated.json")), "skipped files stay on disk");
    }

    @Test
    void nearestPrefersHardwareThenDnnThenInputSizeThenAttributes() {
        ModelStore store = new ModelStore(dir, Similarity.defaults());
        Environment target = new Environment("TX2", "xception", 500, 500, Map.of("framework", "tf"));
        List<Environment> stored = List.of(
                new Environment("Xavier", "xception", 500, 500, Map.of("framework", "tf")),
                new Environment("TX2", "resnet", 500, 500, Map.of("framework", "tf")),
                new Environment("TX2", "xception", 200, 200, Map.of("framework", "tf")),
                new Environment("TX2", "xception", 600, 600, Map.of("framework", "trt")),
                new Environment("TX2", "xception", 600, 600, Map.of("framework", "tf")));
        stored.forEach(e -> store.save(model(e, 1)));
        List<Candidate> ranked = store.nearest(target);
        assertEquals(List.of(stored.get(4), stored.get(3), stored.get(2), stored.get(1), stored.get(0)),
                ranked.stream().map(c -> c.model().environment()).toList());
        assertEquals(2 * Math.log(600.0 / 500), ranked.get(0).distance(), 1e-12);
        assertEquals(100 + 0.0, ranked.get(4).distance(), 1e-12);

        // The measure is configurable: weighting input size above the DNN prefers resnet at 500x500.
        List<Candidate> sizeFirst = store.nearest(target, new Similarity(100, 0.1, 10, 0));
        assertEquals(stored.get(1), sizeFirst.get(0).model().environment());
    }

    @Test
    void storesTheStudyDataAndPicksTheNearestSource() {
        List<MeasurementSet> sets = StudyCsvReader.readFolder(Datasets.tx2());
        assertFalse(sets.isEmpty());
        ModelStore store = new ModelStore(dir, Similarity.defaults());
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        for (MeasurementSet s : sets) {
            store.save(new StoredModel(s, List.of(), Map.of(), now, now));
        }
        ModelStore reopened = new ModelStore(dir, Similarity.defaults());
        assertEquals(sets.size(), reopened.size());
        for (MeasurementSet s : sets) {
            StoredModel back = reopened.get(s.environment()).orElseThrow();
            assertEquals(s.measurements(), back.data().measurements());
            assertEquals(s.space().options(), back.space().options());
        }
        Environment target = new Environment(sets.get(0).environment().hardware(), "xception", 500, 500);
        Candidate best = reopened.nearest(target).get(0);
        // |ln(600^2/500^2)| = 0.365 < |ln(400^2/500^2)| = 0.446: 600x600 is the nearer size.
        assertEquals("xception", best.model().environment().dnn());
        assertEquals(600, best.model().environment().width());
        assertEquals(2 * Math.log(600.0 / 500), best.distance(), 1e-12);
    }

    @Test
    void configurationReadInSpaceOrder() throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"mode\": 1, \"cores\": 2, \"gpu_freq\": 1.0e8}");
        Configuration c = ModelJson.configuration(node, "pin", SPACE);
        assertEquals(List.of("cores", "gpu_freq", "mode"), List.copyOf(c.values().keySet()));
        var bad = new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"cores\": 2, \"gpu_freq\": 1.0e8, \"mode\": 1, \"fan\": 1}");
        StoreFormatException e = org.junit.jupiter.api.Assertions.assertThrows(StoreFormatException.class,
                () -> ModelJson.configuration(bad, "pin", SPACE));
        assertEquals("pin.fan: unknown option; the space has [cores, gpu_freq, mode]", e.getMessage());
    }

    @Test
    void everyWriteDeleteAndRefreshTellsTheListenersWhichEnvironmentsChanged() {
        ModelStore store = new ModelStore(dir, new Similarity(1, 1, 1, 1));
        List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.onChange(changed::add);
        Environment a = new Environment("TX2", "a", 1, 1);
        Environment b = new Environment("TX2", "b", 1, 1);
        store.save(model(a, 1));
        store.save(model(b, 1));
        assertEquals(List.of(a.id(), b.id()), changed);
        changed.clear();
        store.delete(a);
        assertEquals(List.of(a.id()), changed);
        changed.clear();
        store.refresh();
        assertEquals(List.of(b.id()), changed, "a re-read may change any environment known before or after it");
    }

    @Test
    void aListedSpaceAndTheEnergyUnitReadBack() {
        MeasurementSet sampled = StudyCsvReader.read(Datasets.tx2Sampled().resolve("tx2_unknown_output1.csv"));
        StoredModel m = new StoredModel(sampled, List.of(), Map.of(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"));
        new ModelStore(dir, Similarity.defaults()).save(m);
        StoredModel back = new ModelStore(dir, Similarity.defaults()).get(sampled.environment()).orElseThrow();
        assertSameModel(m, back);
        assertTrue(back.space().isListed());
        assertEquals(sampled.space().configurations(), back.space().configurations());
        assertEquals(StudyCsvReader.ENERGY_UNIT, back.data().energyUnit());
        assertEquals("tx2_unknown_na", back.id());

        StoredModel older = model(new Environment("TX2", "x", 1, 1), 1);
        assertEquals(EnergyUnit.UNSPECIFIED, older.data().energyUnit(), "no unit given: none claimed");
    }

    @Test
    void anUnknownInputSizeIsNoEvidenceForOrAgainstASize() {
        Similarity s = Similarity.defaults();
        Environment unknown = Environment.withUnknownSize("TX2", "xception", Map.of());
        Environment known = new Environment("TX2", "xception", 600, 600);
        assertEquals(0, s.distance(unknown, Environment.withUnknownSize("TX2", "xception", Map.of())), 0.0);
        assertEquals(1, s.distance(unknown, known), 0.0);
        assertEquals(0, s.distance(known, known), 0.0);
        assertEquals(100, s.distance(unknown, Environment.withUnknownSize("Xavier", "xception", Map.of())), 0.0);
    }
}
