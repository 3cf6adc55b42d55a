package org.tunerd.daemon.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoreFormatException;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/**
 * A profiling run resumed on a device whose config reorders a categorical option's values keeps each stored
 * and journaled measurement with the label it was taken with, never its position.
 */
class ProfileLabelsTest {

    private static final Workload WORKLOAD = Workload.of("xception", 224, 224);
    private static final Environment ENVIRONMENT = WORKLOAD.environment("TX2");

    @TempDir
    Path dir;

    private ModelStore store() {
        return new ModelStore(dir.resolve("models"), new ConfigLoader().defaults().store().similarity());
    }

    private static ConfigurationSpace space(String... precision) {
        return new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0, 3.0)),
                Option.categorical("precision", List.of(precision))));
    }

    /** Latency 1 s per core for fp32, 0.1 s for fp16, 0.01 s for int8: the label is readable from it. */
    private static double latency(ConfigurationSpace space, Configuration c) {
        double scale = switch (space.require("precision").label(c.get("precision"))) {
            case "fp32" -> 1.0;
            case "fp16" -> 0.1;
            default -> 0.01;
        };
        return scale * c.get("cores");
    }

    private Path journalFile() {
        Path file = store().fileOf(ENVIRONMENT.id());
        return file.resolveSibling("." + file.getFileName() + ".journal");
    }

    /** Every stored measurement has the latency of its label in {@code device}'s codes. */
    private void assertStoredByLabel(ConfigurationSpace device, int size) {
        MeasurementSet data = store().get(ENVIRONMENT).orElseThrow().data();
        assertEquals(size, data.size());
        assertEquals(device.require("precision").labels(), data.space().require("precision").labels());
        for (Measurement m : data.measurements()) {
            assertEquals(latency(device, m.configuration()), m.latency(), 1e-12, m.toString());
        }
    }

    @Test
    void storedMeasurementsRecordedWithOtherCodesAreResumedByLabel() {
        ConfigurationSpace recorded = space("fp32", "fp16");
        List<Measurement> four = recorded.stream().limit(4)
                .map(c -> new Measurement(c, latency(recorded, c), 1.0)).toList();
        Instant now = Instant.now();
        store().save(new StoredModel(new MeasurementSet(ENVIRONMENT, recorded, four), List.of(), Map.of(), now, now));

        ConfigurationSpace reordered = space("fp16", "fp32");
        Board board = new Board(reordered, 0);
        List<Integer> progress = new ArrayList<>();
        new Profiler(board, store(), d -> { }).profile(WORKLOAD, 6, Duration.ZERO, 1, progress::add);

        assertEquals(4, progress.get(0), "the 4 stored configurations are resumed");
        assertEquals(2, board.measured, "only the 2 others are measured");
        assertStoredByLabel(reordered, 6);
    }

    @Test
    void journaledMeasurementsAreResumedByLabelOnADeviceThatReordersTheLabels() {
        // 6 configurations: fewer than a first save, so a stopped run leaves them all in the journal
        ConfigurationSpace first = space("fp32", "fp16");
        assertThrows(DeviceException.class, () -> new Profiler(new Board(first, 5), store(), d -> { })
                .profile(WORKLOAD, 6, Duration.ZERO, 1, n -> { }));
        assertEquals(4, new ProfileJournal(journalFile(), first).read().size());

        ConfigurationSpace reordered = space("fp16", "fp32");
        Board board = new Board(reordered, 0);
        new Profiler(board, store(), d -> { }).profile(WORKLOAD, 6, Duration.ZERO, 1, n -> { });
        assertEquals(2, board.measured, "the 4 journaled measurements are not taken again");
        assertStoredByLabel(reordered, 6);
    }

    @Test
    void aJournalLineOfALabelTheDeviceNoLongerOffersOrWithoutLabelsIsLeftOut() throws Exception {
        ConfigurationSpace first = space("fp32", "fp16", "int8");
        ProfileJournal journal = new ProfileJournal(journalFile(), first);
        journal.append(new Measurement(Configuration.of("cores", 1, "precision", 1), 0.1, 1.0)); // fp16
        journal.append(new Measurement(Configuration.of("cores", 1, "precision", 2), 0.01, 1.0)); // int8
        journal.close();
        // as a tunerd that wrote codes left it: fp32 or fp16, nobody knows any more
        Files.writeString(journalFile(), "{\"configuration\":{\"cores\":2.0,\"precision\":0.0},\"latency\":2.0}\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        ConfigurationSpace reordered = space("fp16", "fp32");
        assertEquals(List.of(new Measurement(Configuration.of("cores", 1, "precision", 0), 0.1, 1.0)),
                new ProfileJournal(journalFile(), reordered).read(), "fp16 is device code 0; int8 and code 0 left out");
        String text = Files.readString(journalFile());
        assertTrue(text.contains("\"precision\":\"fp16\""), text);

        Board board = new Board(reordered, 0);
        new Profiler(board, store(), d -> { }).profile(WORKLOAD, 6, Duration.ZERO, 1, n -> { });
        assertEquals(5, board.measured, "the line without labels is measured again");
        assertStoredByLabel(reordered, 6);
    }

    @Test
    void aJournalLineIsLeftOutForTheReasonTheStoresLabelReaderGives() throws Exception {
        ConfigurationSpace device = space("fp16", "fp32");
        String int8 = "{\"cores\":1,\"precision\":\"int8\"}";
        String code = "{\"cores\":2,\"precision\":0}";
        Files.createDirectories(journalFile().getParent());
        Files.writeString(journalFile(), "{\"configuration\":" + int8 + ",\"latency\":0.01}\n"
                + "{\"configuration\":" + code + ",\"latency\":2.0}\n", StandardCharsets.UTF_8);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ProfileJournal.class);
        log.start();
        logger.addAppender(log);
        try {
            assertEquals(List.of(), new ProfileJournal(journalFile(), device).read());
        } finally {
            logger.detachAppender(log);
        }
        for (String line : List.of(int8, code)) {
            String why = assertThrows(StoreFormatException.class, () -> ModelJson.configurationByLabel(
                    new ObjectMapper().readTree(line), "configuration", device)).getMessage();
            assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("1 measurements left out (" + why + ")")),
                    why + " in " + log.list);
        }
    }

    /** A board whose latency tells the label it ran with; fails its {@code failAt}-th measurement (0 = never). */
    private static final class Board implements Device {
        private final ConfigurationSpace space;
        private final int failAt;
        private Configuration current;
        int measured;

        Board(ConfigurationSpace space, int failAt) {
            this.space = space;
            this.failAt = failAt;
            this.current = space.maximum();
        }

        @Override
        public DeviceDescription describe() {
            return new DeviceDescription("TX2", Map.of(), space, true, EnergyUnit.JOULES);
        }

        @Override
        public Configuration current() {
            return current;
        }

        @Override
        public void apply(Configuration configuration) {
            current = configuration;
        }

        @Override
        public Measurement measure(Workload workload) {
            if (++measured == failAt) {
                throw new DeviceException("sensor lost");
            }
            return new Measurement(current, latency(space, current), 1.0);
        }

        @Override
        public void restore() {
        }

        @Override
        public void close() {
        }
    }
}
