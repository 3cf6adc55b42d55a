package org.tunerd.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 11 point 4: a reload names every field it cannot apply and keeps those at their values in force. */
class StartOnlyFieldsTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "dev");

    @Test
    void startOnlyFieldsAreNamedAndKeptTheRestApplies() {
        TunerConfig running = loader.parse("""
                deviceId: a
                http: {port: 8077, token: old-token-0123456789}
                kafka: {bootstrapServers: 'k1:9092', properties: {sasl.jaas.config: secret1}}
                store: {dir: /tmp/s1, maxSources: 4}
                retune: {interval: 1h}
                policy: {budget: 10}
                """, "t");
        TunerConfig reloaded = loader.parse("""
                deviceId: b
                device: {backend: replay, replay: {data: /tmp/data}}
                http: {port: 9000, token: new-token-0123456789}
                kafka: {bootstrapServers: 'k2:9092', properties: {sasl.jaas.config: secret2}}
                store: {dir: /tmp/s2, maxSources: 2}
                retune: {interval: 2h}
                policy: {budget: 12}
                workload: {watchFile: /tmp/workload.yaml}
                """, "t");
        assertEquals(List.of("device.backend", "device.replay.data", "device.snapshotFile", "deviceId", "http.port", "kafka.bootstrapServers",
                "kafka.properties.sasl.jaas.config", "store.dir", "store.journal", "store.models", "store.sessions",
                "workload.watchFile"), StartOnlyFields.changed(running, reloaded));

        TunerConfig applied = StartOnlyFields.applicable(running, reloaded);
        assertEquals(List.of(), StartOnlyFields.changed(running, applied), "nothing start-only changes in force");
        assertEquals("a", applied.deviceId());
        assertEquals(running.device(), applied.device());
        assertEquals(running.kafka(), applied.kafka());
        assertEquals(8077, applied.http().port());
        assertEquals(Path.of("/tmp/s1"), applied.store().directory());
        assertEquals(Optional.empty(), applied.workload().watchFile());
        assertEquals(Optional.of("new-token-0123456789"), applied.http().token(), "the token applies live");
        assertEquals(12, applied.policy().budget().count());
        assertEquals(reloaded.retune(), applied.retune(), "the timers apply live");
        assertEquals(2, applied.store().maxSources(), "read per session: applies live");
        assertEquals(List.of(), StartOnlyFields.changed(applied, StartOnlyFields.applicable(applied, reloaded)),
                "idempotent");
    }
}
