package org.tunerd.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Environment;

class EnvironmentTrackerTest {

    @TempDir
    Path dir;

    private final Environment xception600 = new Environment("TX2", "xception", 600, 600);

    @Test
    void duplicatesProduceNoChange() {
        EnvironmentTracker tracker = new EnvironmentTracker(Optional.empty(), Clock.systemUTC());
        EnvironmentChanged first = tracker.observe(xception600, "startup").orElseThrow();
        assertEquals(List.of("first environment"), first.differences());
        assertTrue(tracker.observe(new Environment("TX2", "xception", 600, 600), "http").isEmpty());
        EnvironmentChanged resized = tracker.observe(new Environment("TX2", "xception", 800, 800), "kafka").orElseThrow();
        assertEquals(List.of("input 600x600 -> 800x800"), resized.differences());
        assertEquals(Optional.of(xception600), resized.previous());
        assertFalse(resized.isHardwareChange());
        EnvironmentChanged attrs = tracker.observe(new Environment("TX2", "xception", 800, 800, Map.of("precision", "fp16")),
                "file").orElseThrow();
        assertEquals(1, attrs.differences().size());
    }

    @Test
    void aRestartRemembersTheEnvironmentAndSeesANewBoard() {
        Path state = dir.resolve("state/environment.json");
        new EnvironmentTracker(Optional.of(state), Clock.systemUTC()).observe(xception600, "startup");
        assertTrue(Files.exists(state));

        EnvironmentTracker afterRestart = new EnvironmentTracker(Optional.of(state), Clock.systemUTC());
        assertEquals(Optional.of(xception600), afterRestart.current());
        assertTrue(afterRestart.observe(xception600, "startup").isEmpty(), "a plain restart is no change");

        EnvironmentChanged newBoard = new EnvironmentTracker(Optional.of(state), Clock.systemUTC())
                .observe(new Environment("Xavier", "xception", 600, 600), "startup").orElseThrow();
        assertTrue(newBoard.isHardwareChange());
        assertEquals(List.of("hardware TX2 -> Xavier"), newBoard.differences());
    }

    @Test
    void anUnreadableStateFileIsIgnored() throws Exception {
        Path state = dir.resolve("environment.json");
        Files.writeString(state, "{not json");
        EnvironmentTracker tracker = new EnvironmentTracker(Optional.of(state), Clock.systemUTC());
        assertTrue(tracker.current().isEmpty());
        assertTrue(tracker.observe(xception600, "startup").isPresent());
    }
}
