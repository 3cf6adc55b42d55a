package org.tunerd.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/** Issue 11 point 13: sub-millisecond intervals name their field; doubtful but valid settings are warned about. */
class ConfigEdgeTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "dev");
    private static final ConfigurationSpace SPACE = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0, 4.0)), Option.ordinal("gpu_freq", List.of(1.0, 2.0))));

    @Test
    void intervalsUnderAMillisecondAreRejectedNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("retune: {interval: 0.0001, driftCheckInterval: 500us}", "t"));
        assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("retune.interval")
                && p.reason().contains("at least 1ms")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("retune.driftCheckInterval")),
                e.problems().toString());
        ConfigException sub = assertThrows(ConfigException.class,
                () -> loader.parse("retune: {driftCheckInterval: 0.0005}", "t"));
        assertEquals("retune.driftCheckInterval", sub.problems().get(0).field());
        assertEquals(java.time.Duration.ofMillis(1),
                loader.parse("retune: {interval: 1ms}", "t").retune().interval().orElseThrow());
    }

    @Test
    void anOpenApiWithoutTokenAndABudgetLargerThanTheSpaceAreWarnedAbout() {
        List<String> w = ConfigWarnings.of(loader.parse("http: {host: 0.0.0.0}\npolicy: {budget: 20}", "t"), SPACE);
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("http.host 0.0.0.0") && w.get(0).contains("http.token"), w.get(0));
        assertTrue(w.get(1).startsWith("policy.budget 20") && w.get(1).contains("space of 8"), w.get(1));
        assertEquals(List.of(), ConfigWarnings.of(loader.parse("policy: {budget: 8}", "t"), SPACE));
        assertEquals(List.of(), ConfigWarnings.of(loader.parse(
                "http: {host: 0.0.0.0, token: 0123456789abcdef0123}\npolicy: {budget: 0.5}", "t"), SPACE));
    }
}
