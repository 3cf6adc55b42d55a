package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.models.space.Configuration;

/**
 * The fault suite's apply part: a write that fails, or one the kernel does not take (it reads back the old
 * value), at each write of the protocol in turn. Every time the apply fails naming the file, the board is back
 * where it was before the apply, and a restore brings it to the original snapshot.
 */
class JetsonApplyFaultTest {

    @TempDir
    Path dir;

    private static Configuration config(int cores, long cpu, long gpu, long emc) {
        return Configuration.of("cores", cores, "cpu_freq", cpu, "gpu_freq", gpu, "emc_freq", emc);
    }

    private static final Configuration TUNED = config(3, 1420800, 765000000, 1331200000);
    private static final Configuration LOW = config(1, 345600, 140250000, 1062400000);
    private static final Configuration HIGH = config(4, 2035200, 1300500000, 1866000000);

    /** How many writes the protocol makes going from the board's start (or from {@code first}) to {@code target}. */
    private int writesOf(Configuration first, Configuration target) {
        FakeBoard b = FakeBoard.tx2(dir.resolve("count-" + System.nanoTime())).tx2Power(5000);
        try (JetsonDevice d = b.open(JetsonSettings.defaults().withRestoreOnClose(false))) {
            if (first != null) {
                d.apply(first);
            }
            b.kernel.clearWrites();
            d.apply(target);
            return b.kernel.writes().size();
        }
    }

    private void everyWriteFails(Configuration first, Configuration target) {
        int writes = writesOf(first, target);
        assertTrue(writes >= 5, "the transition exercises the protocol: " + writes + " writes");
        for (FakeKernel.Fault fault : FakeKernel.Fault.values()) {
            for (int k = 0; k < writes; k++) {
                String what = fault + " at write " + (k + 1) + " of " + writes;
                FakeBoard b = FakeBoard.tx2(dir.resolve(fault + "-" + k + "-" + System.nanoTime())).tx2Power(5000);
                Map<String, String> original = b.state();
                JetsonSettings settings = JetsonSettings.defaults()
                        .withSnapshotFile(b.root.resolveSibling(b.root.getFileName() + "-snapshot.json"));
                try (JetsonDevice d = b.open(settings)) {
                    if (first != null) {
                        d.apply(first);
                    }
                    Map<String, String> before = b.state();
                    b.kernel.clearWrites();
                    b.kernel.injectAt(k, fault);
                    DeviceException e = assertThrows(DeviceException.class, () -> d.apply(target), what);
                    assertTrue(e.getMessage().contains("rolled back"), what + ": " + e.getMessage());
                    assertEquals(before, b.state(), what + ": the board is as before the apply; writes "
                            + b.kernel.writes());
                    d.restore();
                    assertEquals(original, b.state(), what + ": and a restore reaches the original snapshot");
                }
            }
        }
    }

    @Test
    void aFaultAtEachWriteGoingDownFromTheStartRollsBack() {
        everyWriteFails(null, LOW);
    }

    @Test
    void aFaultAtEachWriteGoingUpFromATunedStateRollsBack() {
        everyWriteFails(TUNED, HIGH);
    }

    @Test
    void aFaultAtEachWriteGoingDownFromATunedStateRollsBack() {
        everyWriteFails(TUNED, LOW);
    }
}
