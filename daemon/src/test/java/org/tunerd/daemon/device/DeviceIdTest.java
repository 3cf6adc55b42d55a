package org.tunerd.daemon.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.events.EventSettings;

class DeviceIdTest {

    @Test
    void theRule() {
        assertEquals(Optional.empty(), DeviceId.problem("tx2-lab_1.a"));
        assertEquals(Optional.empty(), DeviceId.problem("x".repeat(DeviceId.MAX_LENGTH)));
        assertTrue(DeviceId.problem("x".repeat(DeviceId.MAX_LENGTH + 1)).isPresent());
        assertTrue(DeviceId.problem("board:1").isPresent(), "a colon would be ambiguous in urn:tunerd:<id>");
        assertTrue(DeviceId.problem("-board").isPresent());
        assertTrue(DeviceId.problem("").isPresent());
        assertTrue(DeviceId.problem(null).isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceId.require("a b"));
        assertTrue(e.getMessage().contains("'a b'"), e.getMessage());
    }

    @Test
    void anIdTheEventsRefuseIsRejectedWhenTheConfigurationIsValidatedNamingTheField() {
        ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "host");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("deviceId: board:1", "t.yaml"));
        List<ConfigProblem> problems = e.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("deviceId", problems.get(0).field());
        assertTrue(problems.get(0).reason().contains("board:1"), problems.get(0).reason());
        // what the file accepts, the events accept
        String accepted = loader.parse("deviceId: tx2-lab.1", "t.yaml").deviceId();
        assertEquals("tx2-lab.1", EventSettings.of(accepted, Path.of("/tmp/journal")).deviceId());
    }

    @Test
    void hostNamesBecomeValidIds() {
        assertEquals("jetson-01.lab", DeviceId.fromHostName("jetson-01.lab", "tunerd"));
        assertEquals("my-host-1", DeviceId.fromHostName("my host:1", "tunerd"));
        assertEquals("host", DeviceId.fromHostName("--host", "tunerd"));
        assertEquals("tunerd", DeviceId.fromHostName("::", "tunerd"));
        assertEquals(DeviceId.MAX_LENGTH, DeviceId.fromHostName("h".repeat(300), "tunerd").length());
        ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> DeviceId.fromHostName("a:b", "t"));
        assertEquals("a-b", loader.defaults().deviceId());
    }
}
