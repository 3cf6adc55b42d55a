package org.tunerd.daemon.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentDetectorTest {

    @Test
    void theListenerHearsOfEachRealChangeBeforeTheAnnouncementReturns() {
        List<EnvironmentChanged> heard = new ArrayList<>();
        EnvironmentDetector detector = new EnvironmentDetector("TX2",
                new EnvironmentTracker(Optional.empty(), Clock.systemUTC()), heard::add);
        EnvironmentChanged first = detector.announce(new WorkloadAnnouncement("xception", 600, 600, Map.of()), "startup")
                .orElseThrow();
        assertEquals(List.of(first), heard, "told directly, on the announcing thread");
        assertTrue(detector.announce(new WorkloadAnnouncement("xception", 600, 600, Map.of()), "http").isEmpty());
        EnvironmentChanged second = detector.announce(new WorkloadAnnouncement("resnet50", 224, 224, Map.of()), "kafka")
                .orElseThrow();
        assertEquals(List.of(first, second), heard, "a duplicate is no change");
        assertEquals("TX2", second.current().hardware());
        assertEquals(Optional.of(second.current()), detector.current());
    }
}
