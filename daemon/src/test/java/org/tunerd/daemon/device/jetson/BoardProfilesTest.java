package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardProfilesTest {

    @TempDir
    Path dir;

    @Test
    void builtInProfilesAreEmbeddedAndValid() {
        BoardProfiles profiles = BoardProfiles.builtIn();
        assertEquals(Set.of("tx1", "tx2", "xavier", "orin-jp5", "orin-jp6"), profiles.all().keySet());
        assertEquals("TX2", profiles.require("tx2").hardware());
        assertEquals("Orin", profiles.require("orin-jp6").hardware());
    }

    @Test
    void tx2ProfileIsTheStudyProtocol() {
        BoardProfile p = BoardProfiles.builtIn().require("tx2");
        assertEquals(List.of("cpu0", "cpu3", "cpu4", "cpu5"), p.cpu().cores());
        assertEquals("/sys/devices/system/cpu", p.cpu().root());
        assertEquals(List.of(new BoardProfile.Cluster("cpu0", List.of("cpu0", "cpu3", "cpu4", "cpu5"))),
                p.cpu().clusters());
        assertEquals(Optional.of("userspace"), p.cpu().pinGovernor());
        assertEquals("/sys/devices/17000000.gp10b/devfreq/17000000.gp10b", p.gpu().devfreq());
        assertEquals("/sys/devices/17000000.gp10b/railgate_enable", p.gpu().railgate());
        assertEquals("/sys/kernel/debug/bpmp/debug/clk/emc/rate", p.emc().rate());
        assertEquals("/sys/kernel/debug/bpmp/debug/clk/emc/mrq_rate_locked", p.emc().lock());
        assertEquals(List.of("rate", "lock"), p.emc().order());
        assertFalse(p.emc().lockFirst());
        assertEquals(List.of(24), p.detect().chipIds());
        assertEquals(List.of("nvidia,tegra186"), p.detect().compatible());
    }

    @Test
    void otherBoardsLockTheEmcBeforeSettingTheRate() {
        BoardProfiles profiles = BoardProfiles.builtIn();
        for (String name : List.of("tx1", "xavier", "orin-jp5", "orin-jp6")) {
            assertTrue(profiles.require(name).emc().lockFirst(), name);
            assertNull(name.equals("tx1") ? null : profiles.require(name).cpu().governor(), name);
        }
    }

    @Test
    void unknownFieldIsNamedWithItsFile() throws IOException {
        Path file = write("bad.yaml", tx2Text().replace("  clusters:", "  clustrs:"));
        BoardProfileException e = assertThrows(BoardProfileException.class,
                () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cpu.clustrs"), e.getMessage());
    }

    @Test
    void missingSectionIsNamed() throws IOException {
        String text = tx2Text();
        String noGpu = text.substring(0, text.indexOf("gpu:")) + text.substring(text.indexOf("emc:"));
        write("tx2.yaml", noGpu);
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("tx2.yaml") && e.getMessage().contains("field 'gpu' is required"),
                e.getMessage());
    }

    @Test
    void coreListMustStartWithCpu0() throws IOException {
        write("tx2.yaml", tx2Text().replace("cores: [cpu0, cpu3, cpu4, cpu5]", "cores: [cpu3, cpu0, cpu4, cpu5]"));
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("field 'cpu.cores'") && e.getMessage().contains("cpu0"), e.getMessage());
    }

    @Test
    void relativePathAndBadOrderAreNamed() throws IOException {
        write("tx2.yaml", tx2Text().replace("rate: /sys/kernel", "rate: sys/kernel").replace("[rate, lock]", "[rate]"));
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("field 'emc.rate': path must be absolute"), e.getMessage());
        assertTrue(e.getMessage().contains("field 'emc.order'"), e.getMessage());
    }

    @Test
    void nameMustMatchTheFileName() throws IOException {
        write("tx2b.yaml", tx2Text());
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("tx2b.yaml") && e.getMessage().contains("field 'name'"), e.getMessage());
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        write("tx2.yaml", tx2Text().replace("chipIds: [24]", "chipIds: [twenty-four]"));
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("detect.chipIds[0]"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorNamesTheFile() throws IOException {
        write("tx2.yaml", "name: tx2\ncpu: [unclosed\n");
        BoardProfileException e = assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir)));
        assertTrue(e.getMessage().contains("tx2.yaml"), e.getMessage());
    }

    @Test
    void overrideFolderReplacesAndAdds() throws IOException {
        write("tx2.yaml", tx2Text().replace("hardware: TX2", "hardware: TX2-custom"));
        write("nano.yaml", tx2Text().replace("name: tx2", "name: nano").replace("hardware: TX2", "hardware: Nano"));
        BoardProfiles profiles = BoardProfiles.load(Optional.of(dir));
        assertEquals("TX2-custom", profiles.require("tx2").hardware());
        assertEquals("Nano", profiles.require("nano").hardware());
        assertEquals("Xavier", profiles.require("xavier").hardware());
    }

    @Test
    void missingOverrideFolderAndUnknownBoardAreErrors() {
        assertThrows(BoardProfileException.class, () -> BoardProfiles.load(Optional.of(dir.resolve("nope"))));
        BoardProfileException e = assertThrows(BoardProfileException.class,
                () -> BoardProfiles.builtIn().require("tk1"));
        assertTrue(e.getMessage().contains("tk1") && e.getMessage().contains("tx2"), e.getMessage());
    }

    @Test
    void builtInProfilesAreReadFromAJar() throws Exception {
        Path jar = dir.resolve("boards.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("boards/"));
            out.closeEntry();
            out.putNextEntry(new java.util.jar.JarEntry("boards/tx2.yaml"));
            out.write(tx2Text().replace("hardware: TX2", "hardware: TX2-jar").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, null)) {
            for (int i = 0; i < 2; i++) {
                BoardProfiles p = BoardProfiles.load(Optional.empty(), loader);
                assertEquals(Set.of("tx2"), p.all().keySet());
                assertEquals("TX2-jar", p.require("tx2").hardware());
            }
        }
    }

    @Test
    void classpathWithoutProfilesIsAnError() throws Exception {
        try (var loader = new java.net.URLClassLoader(new java.net.URL[0], null)) {
            BoardProfileException e = assertThrows(BoardProfileException.class,
                    () -> BoardProfiles.load(Optional.empty(), loader));
            assertTrue(e.getMessage().contains("boards/"), e.getMessage());
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    static String tx2Text() throws IOException {
        try (InputStream in = BoardProfiles.class.getClassLoader().getResourceAsStream("boards/tx2.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
