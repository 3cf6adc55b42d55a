package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ina3221MonitorTest {

    @TempDir
    Path root;

    private final BoardProfiles profiles = BoardProfiles.builtIn();

    private Ina3221Monitor discover(String board, FakeBoard b) {
        return Ina3221Monitor.discover(profiles.require(board).power(), b.files).orElseThrow();
    }

    private static List<String> labels(List<Ina3221Monitor.Rail> rails) {
        return rails.stream().map(Ina3221Monitor.Rail::label).toList();
    }

    @Test
    void tx2IioTotalIsVddInOn0041() {
        FakeBoard b = FakeBoard.tx2(root).tx2Power(6543);
        Ina3221Monitor m = discover("tx2", b);
        assertEquals(List.of("VDD_SYS_GPU", "VDD_SYS_SOC", "VDD_4V0_WIFI", "VDD_IN", "VDD_SYS_CPU", "VDD_SYS_DDR"),
                labels(m.rails()));
        assertEquals(List.of("VDD_IN"), labels(m.totalRails()));
        assertEquals("/sys/bus/i2c/drivers/ina3221x/0-0041/iio:device1/in_power0_input",
                m.totalRails().get(0).powerFile());
        assertEquals(6.543, m.watts(), 1e-12);
        // the monitor reads live values
        b.file("/sys/devices/3160000.i2c/i2c-0/0-0041/iio:device1/in_power0_input", "7000");
        assertEquals(7.0, m.watts(), 1e-12);
    }

    @Test
    void tx1IioTotalIsVddIn() {
        Ina3221Monitor m = discover("tx1", FakeBoard.tx1(root, "NVIDIA Jetson TX1"));
        assertEquals(4.0, m.watts(), 1e-12);
    }

    @Test
    void xavierIioWithoutInputRailSumsAllRails() {
        Ina3221Monitor m = discover("xavier", FakeBoard.xavier(root).xavierIio());
        assertEquals(6, m.totalRails().size());
        assertEquals((3000 + 2000 + 1000 + 100 + 500 + 1500) / 1000.0, m.watts(), 1e-12);
    }

    @Test
    void xavierHwmonMultipliesMillivoltsByMilliampsAndSkipsTheShuntSum() {
        Ina3221Monitor m = discover("xavier", FakeBoard.xavier(root).xavierHwmon());
        assertEquals(List.of("GPU", "CPU", "SOC", "CV", "VDDRQ", "SYS5V"), labels(m.rails()));
        assertEquals(5.0 * (600 + 400 + 200 + 20 + 100 + 300) / 1000.0, m.watts(), 1e-12);
    }

    @Test
    void orinHwmonUsesVinSys5v0AndSkipsNotConnectedChannels() {
        for (boolean jp6 : List.of(false, true)) {
            FakeBoard b = FakeBoard.orin(root.resolve("jp" + jp6), jp6, true);
            Ina3221Monitor m = discover(jp6 ? "orin-jp6" : "orin-jp5", b);
            assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO"), labels(m.rails()));
            assertEquals(List.of("VIN_SYS_5V0"), labels(m.totalRails()));
            assertEquals(5.0 * 2.4, m.watts(), 1e-12);
        }
    }

    @Test
    void noMonitorMeansEmpty() {
        FakeBoard b = FakeBoard.tx2(root);
        assertEquals(Optional.empty(), Ina3221Monitor.discover(profiles.require("tx2").power(), b.files));
    }

    @Test
    void skippedLabels() {
        assertTrue(Ina3221Monitor.skipped("NC"));
        assertTrue(Ina3221Monitor.skipped("sum of shunt voltages"));
        assertTrue(Ina3221Monitor.skipped(" "));
        assertFalse(Ina3221Monitor.skipped("VDD_IN"));
        assertFalse(Ina3221Monitor.skipped("VDD_SYNC"));
    }
}
