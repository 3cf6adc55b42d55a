package org.tunerd.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 point 10: a workload announced at run time stays in force across a restart, unless the
 * configuration file's workload or the board changed since.
 */
class AnnouncedWorkloadRestartTest {

    private static final WorkloadAnnouncement XCEPTION = new WorkloadAnnouncement("xception", 400, 400, Map.of());
    private static final WorkloadAnnouncement RESNET = new WorkloadAnnouncement("resnet50", 224, 224, Map.of());
    private static final WorkloadAnnouncement INCEPTION = new WorkloadAnnouncement("inceptionv3", 600, 600, Map.of());

    @TempDir
    Path dir;

    private final List<EnvironmentChanged> changes = new CopyOnWriteArrayList<>();

    private EnvironmentDetector restart(String hardware) {
        return new EnvironmentDetector(hardware, new EnvironmentTracker(Optional.of(dir.resolve("environment.json")),
                Clock.systemUTC()), changes::add);
    }

    @Test
    void theAnnouncedWorkloadSurvivesARestartUntilTheFileOrTheBoardChanges() throws Exception {
        EnvironmentDetector first = restart("TX2");
        assertTrue(first.startUp(XCEPTION).isPresent(), "first start: the file's workload");
        assertTrue(first.announce(RESNET, "kafka").isPresent());

        EnvironmentDetector second = restart("TX2");
        assertEquals(Optional.empty(), second.startUp(XCEPTION), "a plain restart keeps the announced workload");
        assertEquals(Optional.of(RESNET.on("TX2")), second.current());
        assertEquals(Optional.of("kafka"), second.sourceOf(RESNET.on("TX2")));

        EnvironmentDetector third = restart("TX2");
        assertEquals(Optional.empty(), third.startUp(XCEPTION), "and the next one too");
        assertEquals(Optional.of(RESNET.on("TX2")), third.current());

        EnvironmentDetector edited = restart("TX2");
        EnvironmentChanged toFile = edited.startUp(INCEPTION).orElseThrow();
        assertEquals(INCEPTION.on("TX2"), toFile.current(), "the file's workload changed: it applies");
        assertEquals("startup", toFile.source());

        assertTrue(edited.announce(RESNET, "http").isPresent());
        EnvironmentDetector newBoard = restart("Xavier");
        assertEquals(INCEPTION.on("Xavier"), newBoard.startUp(INCEPTION).orElseThrow().current(),
                "another board starts from the file's workload");
    }

    @Test
    void aStateFileOfAnOlderVersionReadsAsTheFilesWorkload() throws Exception {
        Files.writeString(dir.resolve("environment.json"),
                org.tunerd.daemon.store.ModelJson.environment(RESNET.on("TX2")).toString());
        EnvironmentDetector detector = restart("TX2");
        assertEquals(Optional.of("startup"), detector.sourceOf(RESNET.on("TX2")));
        assertEquals(XCEPTION.on("TX2"), detector.startUp(XCEPTION).orElseThrow().current());
    }
}
