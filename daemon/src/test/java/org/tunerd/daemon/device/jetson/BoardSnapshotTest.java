package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.cli.Tunerd;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.space.Configuration;
import picocli.CommandLine;

/**
 * Issue 11, defect 2: the board's original settings survive a crash. They are saved durably before the first
 * write, kept across restarts until a restore succeeds, and {@code tunerd restore} puts them back without the
 * daemon.
 */
class BoardSnapshotTest {

    private static final String CPU = "/sys/devices/system/cpu";
    private static final String EMC = "/sys/kernel/debug/bpmp/debug/clk/emc";

    @TempDir
    Path dir;

    private static Configuration config(int cores, long cpu, long gpu, long emc) {
        return Configuration.of("cores", cores, "cpu_freq", cpu, "gpu_freq", gpu, "emc_freq", emc);
    }

    private Path snapshotFile() {
        return dir.resolve("state").resolve("board-snapshot.json");
    }

    private JetsonSettings settings(boolean restoreOnClose) {
        return JetsonSettings.defaults().withRestoreOnClose(restoreOnClose).withSnapshotFile(snapshotFile());
    }

    @Test
    void theOriginalsAreOnDiskBeforeTheFirstWrite() throws Exception {
        FakeBoard b = FakeBoard.tx2(dir.resolve("board")).tx2Power(5000);
        List<String> seenAtFirstWrite = new ArrayList<>();
        b.kernel.beforeEachWrite(w -> {
            if (seenAtFirstWrite.isEmpty()) {
                try {
                    seenAtFirstWrite.add(Files.exists(snapshotFile()) ? Files.readString(snapshotFile()) : "missing");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        try (JetsonDevice d = b.open(settings(false))) {
            d.apply(config(2, 1113600, 497250000, 1331200000));
        }
        JsonNode saved = new ObjectMapper().readTree(seenAtFirstWrite.get(0));
        assertEquals("tx2", saved.get("board").asText());
        JsonNode files = saved.get("files");
        assertEquals("1", files.get(CPU + "/cpu4/online").asText());
        assertEquals("schedutil", files.get(CPU + "/cpu0/cpufreq/scaling_governor").asText());
        assertEquals("0", files.get(EMC + "/mrq_rate_locked").asText());
        assertEquals("1866000000", files.get(EMC + "/rate").asText());
        assertFalse(Files.list(snapshotFile().getParent()).anyMatch(p -> p.toString().endsWith(".tmp")),
                "written through a temporary file renamed into place");
    }

    @Test
    void afterACrashARestartRestoresTheOriginalsNotTheCrashTimeValues() {
        FakeBoard b = FakeBoard.tx2(dir.resolve("board")).tx2Power(5000);
        Map<String, String> original = b.state();
        // first run: tunes, then "crashes" (no restore: the process died)
        try (JetsonDevice d = b.open(settings(false))) {
            d.apply(config(1, 345600, 140250000, 40800000));
        }
        Map<String, String> crashTime = b.state();
        assertNotEquals(original, crashTime);
        assertEquals("40800000", b.read(EMC + "/rate"), "EMC locked low, as the hostile test found it");
        assertTrue(Files.exists(snapshotFile()), "kept: no restore succeeded");
        // second run: starts on the crash-time board, tunes again, stops cleanly
        try (JetsonDevice d = b.open(settings(true))) {
            d.apply(config(3, 2035200, 1300500000, 1866000000));
        }
        assertEquals(original, b.state(), "restored to the values from before the first run wrote");
        assertFalse(Files.exists(snapshotFile()), "removed once the restore succeeded");
    }

    @Test
    void aFailedRestoreKeepsTheSnapshotForTheNextAttempt() {
        FakeBoard b = FakeBoard.tx2(dir.resolve("board")).tx2Power(5000);
        Map<String, String> original = b.state();
        try (JetsonDevice d = b.open(settings(false))) {
            d.apply(config(1, 345600, 140250000, 1062400000));
            b.kernel.refuse(EMC + "/rate");
            DeviceException e = assertThrows(DeviceException.class, d::restore);
            assertTrue(e.getMessage().contains(snapshotFile().toString()), e.getMessage());
            assertTrue(Files.exists(snapshotFile()));
            b.kernel.allowAll();
            d.restore();
        }
        assertEquals(original, b.state());
        assertFalse(Files.exists(snapshotFile()));
    }

    @Test
    void aSecondTunerdCannotUseTheSnapshotWhileOneHoldsIt() {
        FakeBoard b = FakeBoard.tx2(dir.resolve("board")).tx2Power(5000);
        try (JetsonDevice d = b.open(settings(true))) {
            DeviceException e = assertThrows(DeviceException.class, () -> b.open(settings(true)));
            assertTrue(e.getMessage().contains("in use by another tunerd"), e.getMessage());
        }
    }

    @Test
    void aSnapshotOfAnotherBoardIsRefusedNamingTheFile() throws Exception {
        FakeBoard b = FakeBoard.tx2(dir.resolve("board")).tx2Power(5000);
        Files.createDirectories(snapshotFile().getParent());
        Files.writeString(snapshotFile(), "{\"formatVersion\":1,\"board\":\"xavier\",\"sysfsRoot\":\"/\",\"files\":{}}");
        DeviceException e = assertThrows(DeviceException.class, () -> b.open(settings(true)));
        assertTrue(e.getMessage().contains(snapshotFile().toString()) && e.getMessage().contains("xavier"),
                e.getMessage());
    }

    @Test
    void tunerdRestoreWritesTheOriginalsBackWithoutTheDaemon() throws Exception {
        Path root = dir.resolve("board");
        FakeBoard b = FakeBoard.tx2(root).tx2Power(5000);
        Map<String, String> original = b.state();
        Path cfg = dir.resolve("tunerd.yaml");
        Files.writeString(cfg, "device: {backend: jetson, board: tx2, sysfsRoot: " + root + "}\n"
                + "store: {dir: " + dir.resolve("state") + "}\nhttp: {enabled: false}\n");
        try (JetsonDevice d = JetsonDevice.open(settings(false).withSysfsRoot(root))) { // a run that died
            d.apply(config(1, 345600, 140250000, 40800000));
        }
        assertNotEquals(original, b.state());

        StringWriter out = new StringWriter();
        CommandLine cl = Tunerd.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("restore", "-c", cfg.toString()), out.toString());
        assertEquals(original, b.state(), out.toString());
        assertTrue(out.toString().contains("restored board TX2"), out.toString());
        assertFalse(Files.exists(snapshotFile()));

        StringWriter again = new StringWriter();
        CommandLine cl2 = Tunerd.commandLine();
        cl2.setOut(new PrintWriter(again));
        assertEquals(0, cl2.execute("restore", "-c", cfg.toString()));
        assertTrue(again.toString().contains("nothing to restore"), again.toString());
    }
}
