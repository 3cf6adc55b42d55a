package org.tunerd.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tunerd status} says where a session's workload came from and that it resumed an interrupted one. */
class StatusCommandTest {

    @Test
    void aResumedSessionShowsItsOriginAndWhenItWasInterrupted() throws Exception {
        var status = new ObjectMapper().readTree("""
                {"deviceId": "tx2-a", "phase": "MEASURING", "session": {"sessionId": "s-1", "measured": 4, "planned": 10,
                 "sourceId": null, "extraSourceIds": [], "origin": "kafka", "resumedFrom": "2026-12-02T12:00:00Z"}}
                """);
        List<String> lines = StatusCommand.render(status, Instant.parse("2026-12-02T12:05:00Z"));
        String session = lines.stream().filter(l -> l.trim().startsWith("session")).findFirst().orElseThrow();
        assertTrue(session.contains("4 of 10 measured, cold start, workload from kafka, resumed (interrupted "
                + "2026-12-02T12:00:00Z (5 min ago))"), session);
    }

    @Test
    void theConfigurationShowsItsSoftwareOptionsByTheirValuesBesideTheHardwareOnes() throws Exception {
        // as GET /status sends it: the configuration holds the precision's position, softwareOptions its value
        var status = new ObjectMapper().readTree("""
                {"deviceId": "tx2-a", "state": "idle", "pinned": true,
                 "configuration": {"cores": 4, "cpu_freq": 2035200, "gpu_freq": 1300500000, "batch_size": 8,
                                   "precision": 1},
                 "softwareOptions": {"batch_size": 8, "precision": "fp16"}}
                """);
        String row = StatusCommand.render(status, Instant.parse("2026-12-02T12:05:00Z")).stream()
                .filter(l -> l.trim().startsWith("configuration")).findFirst().orElseThrow();
        assertTrue(row.endsWith("cores=4 cpu_freq=2035200 gpu_freq=1300500000; software: batch_size=8 precision=fp16"
                + "  (pinned)"), row);
    }
}
