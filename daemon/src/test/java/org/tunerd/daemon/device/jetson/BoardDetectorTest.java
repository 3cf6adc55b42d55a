package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardDetectorTest {

    @TempDir
    Path root;

    private final BoardProfiles profiles = BoardProfiles.builtIn();

    private String detect(FakeBoard board) {
        return BoardDetector.select(profiles, board.files, Optional.empty()).name();
    }

    @Test
    void tx2() {
        assertEquals("tx2", detect(FakeBoard.tx2(root)));
    }

    @Test
    void tx1ByChipIdAndModel() {
        assertEquals("tx1", detect(FakeBoard.tx1(root, "jetson_tx1")));
    }

    @Test
    void xavier() {
        assertEquals("xavier", detect(FakeBoard.xavier(root)));
    }

    @Test
    void orinJetPack5WithoutChipIdFileFallsBackToCompatibleAndSocId() {
        FakeBoard b = FakeBoard.orin(root, false, false);
        BoardIdentity id = BoardIdentity.read(b.files);
        assertEquals(OptionalInt.empty(), id.chipId());
        assertEquals(OptionalInt.of(35), id.socId());
        assertEquals("orin-jp5", detect(b));
    }

    @Test
    void orinJetPack6() {
        assertEquals("orin-jp6", detect(FakeBoard.orin(root, true, true)));
    }

    @Test
    void orinBySocIdAlone() {
        FakeBoard b = FakeBoard.orin(root, true, false);
        b.file("/proc/device-tree/compatible", "nvidia,p3737-0000\0");
        assertEquals("orin-jp6", detect(b));
    }

    @Test
    void identityFactsAreRead() {
        BoardIdentity id = BoardIdentity.read(FakeBoard.tx2(root).files);
        assertEquals(Optional.of("NVIDIA Jetson TX2 Developer Kit"), id.model());
        assertEquals(List.of("nvidia,p2771-0000", "nvidia,tegra186"), id.compatible());
        assertEquals(OptionalInt.of(24), id.chipId());
        assertEquals("nvidia,p2771-0000,nvidia,tegra186", id.facts().get("compatible"));
    }

    @Test
    void nanoMatchesNoProfileAndTheErrorSaysWhatWasFound() {
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> detect(FakeBoard.nano(root)));
        assertTrue(e.getMessage().contains("Nano") && e.getMessage().contains("tegra_chip_id=33")
                && e.getMessage().contains("set the board explicitly"), e.getMessage());
    }

    @Test
    void emptyTreeMatchesNothing() {
        assertThrows(BoardProfileException.class,
                () -> BoardDetector.select(profiles, new SysfsFiles(root), Optional.empty()));
    }

    @Test
    void explicitBoardOverridesDetection() {
        FakeBoard nano = FakeBoard.nano(root);
        assertEquals("tx1", BoardDetector.select(profiles, nano.files, Optional.of("tx1")).name());
        assertThrows(BoardProfileException.class,
                () -> BoardDetector.select(profiles, nano.files, Optional.of("nano")));
    }

    @Test
    void ambiguousMatchIsAnError() {
        FakeBoard b = FakeBoard.orin(root, false, true);
        b.dir("/sys/devices/platform/bus@0/17000000.gpu/devfreq/17000000.gpu");
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> detect(b));
        assertTrue(e.getMessage().contains("orin-jp5") && e.getMessage().contains("orin-jp6"), e.getMessage());
    }
}
