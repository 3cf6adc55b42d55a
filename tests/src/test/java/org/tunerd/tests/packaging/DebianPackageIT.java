package org.tunerd.tests.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.daemon.config.Backend;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.StateDirectory;
import org.tunerd.daemon.config.TunerConfig;

/**
 * The Debian package the build made ({@code daemon/target/tunerd_*_arm64.deb}), extracted into a
 * temporary root with {@code dpkg-deb -x} and {@code -e}: what an operator gets from {@code dpkg -i}.
 * Runs in the integration-test phase, after the package phase built it.
 */
class DebianPackageIT {

    @TempDir
    static Path work;
    static Path deb;
    static Path root;
    static Path control;

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + List.of(command));
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @BeforeAll
    static void extract() throws Exception {
        Path target = Path.of(System.getProperty("tunerd.daemon.target", "../daemon/target"));
        try (Stream<Path> files = Files.list(target)) {
            deb = files.filter(p -> p.getFileName().toString().matches("tunerd_.+_arm64\\.deb"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no tunerd_*_arm64.deb in " + target.toAbsolutePath()
                            + ": the package phase builds it (mvn -B verify)"));
        }
        assertTrue(onPath("dpkg-deb").isPresent(), "dpkg-deb is needed to inspect the package");
        root = work.resolve("root");
        control = work.resolve("control");
        assertEquals(0, run(Map.of(), "dpkg-deb", "-x", deb.toString(), root.toString()).exit());
        assertEquals(0, run(Map.of(), "dpkg-deb", "-e", deb.toString(), control.toString()).exit());
    }

    private static String field(String name) throws IOException {
        return Files.readAllLines(control.resolve("control")).stream().filter(l -> l.startsWith(name + ": "))
                .map(l -> l.substring(name.length() + 2).trim()).findFirst().orElseThrow();
    }

    @Test
    void theLauncherIsOnThePathAndPrintsThePackageVersion() throws Exception {
        Path launcher = root.resolve("usr/bin/tunerd");
        assertTrue(Files.isExecutable(launcher), "usr/bin/tunerd");
        assertTrue(Files.getPosixFilePermissions(launcher).contains(PosixFilePermission.OTHERS_EXECUTE));
        Map<String, String> env = Map.of("PATH", root.resolve("usr/bin") + ":" + System.getenv("PATH"),
                "TUNERD_JAR", root.resolve("usr/share/tunerd/tunerd.jar").toString());
        Run version = run(env, "/bin/sh", "-c", "tunerd --version"); // found on the PATH
        assertEquals(0, version.exit(), version.err());
        assertEquals("tunerd " + field("Version"), version.out().lines().findFirst().orElse(""), version.out());
        assertTrue(version.out().contains("Java 17") || version.out().matches("(?s).*Java (1[7-9]|[2-9]\\d).*"),
                version.out());
    }

    @Test
    void theLauncherFindsAJava17BesideAnOlderDefaultAndNamesWhatItFoundWhenNoneFits() throws Exception {
        Path fakeBin = Files.createDirectories(work.resolve("old-default/bin"));
        Path jvms = Files.createDirectories(work.resolve("jvm"));
        Path oldJvm = Files.createDirectories(jvms.resolve("java-11-openjdk-arm64/bin"));
        String java11 = "#!/bin/sh\necho 'openjdk version \"11.0.20\" 2023-07-18' >&2\nexit 0\n";
        for (Path p : List.of(fakeBin.resolve("java"), oldJvm.resolve("java"))) {
            Files.writeString(p, java11);
            p.toFile().setExecutable(true);
        }
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "PATH", fakeBin + ":" + root.resolve("usr/bin") + ":/usr/bin:/bin",
                "TUNERD_JAR", root.resolve("usr/share/tunerd/tunerd.jar").toString(),
                "TUNERD_JAVA_SEARCH", jvms.toString()));
        Run none = run(env, "/bin/sh", "-c", "tunerd --version");
        assertEquals(78, none.exit(), none.err());
        assertTrue(none.err().contains("needs a Java 17 or newer runtime"), none.err());
        assertTrue(none.err().contains(fakeBin.resolve("java") + " (11)"), none.err());
        assertTrue(none.err().contains(oldJvm.resolve("java") + " (11)"), none.err());

        Files.createSymbolicLink(jvms.resolve("java-17-openjdk-arm64"), Path.of(System.getProperty("java.home")));
        Run found = run(env, "/bin/sh", "-c", "tunerd --version");
        assertEquals(0, found.exit(), found.err());
        assertTrue(found.out().startsWith("tunerd " + field("Version") + "\n"), found.out());
        assertTrue(found.out().contains("at " + Path.of(System.getProperty("java.home")).toRealPath()), found.out());
    }

    @Test
    void conffilesUnitSysusersAndTheMaintainerScriptsAreInPlace() throws Exception {
        assertEquals(List.of("/etc/tunerd/tunerd.yaml", "/etc/tunerd/logback.xml"),
                Files.readAllLines(control.resolve("conffiles")).stream().map(String::trim).filter(l -> !l.isEmpty()).toList());
        String unit = Files.readString(root.resolve("lib/systemd/system/tunerd.service"));
        assertTrue(unit.contains("\nExecStart=/usr/bin/tunerd run --config /etc/tunerd/tunerd.yaml\n"), unit);
        assertTrue(unit.contains("\nRestartPreventExitStatus=78\n"), unit);
        assertTrue(unit.contains("\nStateDirectory=tunerd\n"), unit);
        String sysusers = Files.readString(root.resolve("usr/lib/sysusers.d/tunerd.conf"));
        assertTrue(sysusers.contains("u tunerd - "), sysusers);
        String postinst = Files.readString(control.resolve("postinst"));
        assertTrue(postinst.contains("deb-systemd-helper update-state 'tunerd.service'"), postinst);
        assertTrue(postinst.contains("deb-systemd-invoke try-restart 'tunerd.service'"), postinst);
        assertTrue(Files.readString(control.resolve("prerm")).contains("deb-systemd-invoke stop 'tunerd.service'"));
        assertTrue(Files.readString(control.resolve("postrm")).contains("deb-systemd-helper purge 'tunerd.service'"));
        assertFalse(field("Maintainer").contains("localhost"), field("Maintainer"));
        String copyright = Files.readString(root.resolve("usr/share/doc/tunerd/copyright"));
        assertTrue(copyright.startsWith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"));
        assertTrue(copyright.contains("License: GPL-3+"), copyright);
        try (var in = new GZIPInputStream(Files.newInputStream(root.resolve("usr/share/doc/tunerd/changelog.gz")))) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("tunerd (" + field("Version") + ") "));
        }
        Optional<Path> sysusersTool = onPath("systemd-sysusers");
        if (sysusersTool.isPresent()) {
            Run dry = run(Map.of(), sysusersTool.get().toString(), "--dry-run",
                    root.resolve("usr/lib/sysusers.d/tunerd.conf").toString());
            assertEquals(0, dry.exit(), dry.err());
        }
    }

    @Test
    void thePackagedConfigurationDrivesTheRealBoardWithAbsoluteStatePaths() throws Exception {
        Path packaged = root.resolve("etc/tunerd/tunerd.yaml");
        // as an unprivileged user would load it, from some other directory: the paths do not depend on either
        ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/tmp"), () -> "board",
                new StateDirectory.ProcessUser("alice", false, Optional.of(Path.of("/home/alice"))));
        TunerConfig c = loader.load(packaged);
        assertEquals(Backend.JETSON, c.device().backend());
        assertTrue(c.device().autoBoard());
        for (Path p : List.of(c.store().directory(), c.store().models(), c.store().sessions(), c.store().journal())) {
            assertTrue(p.startsWith("/var/lib/tunerd"), p.toString());
        }
        assertTrue(Files.readString(packaged).contains("\n  dir: /var/lib/tunerd\n"), "store.dir written as an absolute path");
        // apart from the board and the state directory it is the documented default
        TunerConfig documented = loader.load(root.resolve("usr/share/doc/tunerd/tunerd.yaml.example"));
        assertEquals(documented.withStore(c.store()).policy(), c.policy());
        assertEquals(documented.kafka(), c.kafka());
        assertEquals(documented.http(), c.http());
        assertEquals(documented.workload(), c.workload());
    }

    @Test
    void theArm64PackageShipsArm64NativesOnlyAndTheLicencesOfWhatItBundles() throws Exception {
        assertEquals("arm64", field("Architecture"));
        Pattern x86 = Pattern.compile("(?i).*(x86|amd64|i386|win32|darwin).*\\.(so(\\.\\d+)*|dll|dylib|jnilib)$");
        Pattern arm = Pattern.compile(".*(linux-arm64|linux/aarch64|Linux/aarch64).*\\.so(\\.\\d+)*$");
        List<String> foreign = new ArrayList<>();
        int armNatives = 0;
        try (JarFile jar = new JarFile(root.resolve("usr/share/tunerd/tunerd.jar").toFile())) {
            for (var e : java.util.Collections.list(jar.entries())) {
                if (x86.matcher(e.getName()).matches()) {
                    foreign.add(e.getName());
                }
                if (arm.matcher(e.getName()).matches()) {
                    armNatives++;
                }
            }
            assertEquals(List.of(), foreign, "x86/other-platform natives in the arm64 package");
            assertTrue(armNatives >= 5, "OpenBLAS, ARPACK, JavaCPP and the codecs for linux-arm64: " + armNatives);
            assertTrue(jar.getEntry("LICENSE") != null, "tunerd's licence");
            for (String lib : List.of("kafka-clients", "jackson-databind", "caffeine", "slf4j-api")) {
                assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("META-INF/licenses/" + lib + "-jar/")),
                        "licence files of " + lib + " survive shading");
            }
        }
        assertTrue(Files.isDirectory(root.resolve("usr/share/doc/tunerd/third-party/kafka-clients-jar")));
    }

    @Test
    void theManualPageDocumentsEveryCommandTheExitCodesAndTheStateDirectory() throws Exception {
        Path page = root.resolve("usr/share/man/man8/tunerd.8.gz");
        assertTrue(Files.isRegularFile(page), "usr/share/man/man8/tunerd.8.gz");
        String roff;
        try (var in = new GZIPInputStream(Files.newInputStream(page))) {
            roff = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(roff.contains(".TH TUNERD 8 ") && roff.contains("\"tunerd " + field("Version") + "\""),
                roff.lines().filter(l -> l.startsWith(".TH")).findFirst().orElse("no .TH line"));
        // every command the program lists is documented: the page cannot fall behind the command line
        Map<String, String> env = Map.of("TUNERD_JAR", root.resolve("usr/share/tunerd/tunerd.jar").toString());
        Run help = run(env, root.resolve("usr/bin/tunerd").toString(), "--help");
        assertEquals(0, help.exit(), help.err());
        List<String> commands = help.out().lines().dropWhile(l -> !l.equals("Commands:")).skip(1)
                .takeWhile(l -> !l.isBlank()).filter(l -> l.matches("  \\S.*")).map(l -> l.trim().split(" ")[0])
                .toList();
        assertTrue(commands.size() >= 7, help.out());
        for (String command : commands) {
            assertTrue(roff.contains("\n\\fB" + command + "\\fR") || roff.contains("\n.BI " + command + " ")
                    || roff.contains("\n.B " + command + "\n"), "tunerd(8) does not document '" + command + "'");
        }
        for (String code : List.of("0", "1", "2", "78")) {
            assertTrue(roff.contains(".SH EXIT STATUS") && roff.contains("\n.TP\n.B " + code + "\n"), "exit code " + code);
        }
        assertTrue(roff.contains(".I /var/lib/tunerd\n") && roff.contains("STATE_DIRECTORY"), "state directory");
        Optional<Path> man = onPath("man");
        if (man.isPresent()) { // renders without a warning (what lintian's groff-message checks)
            Run rendered = run(Map.of("MANWIDTH", "80"), man.get().toString(), "--warnings", "-l", "-Tutf8",
                    page.toString());
            assertEquals(0, rendered.exit(), rendered.err());
            assertEquals("", rendered.err().trim());
            String text = rendered.out().replaceAll(".\b", ""); // without the overstrike of bold
            assertTrue(text.contains("EXIT STATUS"), text);
        }
    }

    @Test
    void theMaintainerIsTheProjectsFirstDeveloperUnlessTheBuildSetsOne() throws Exception {
        String maintainer = field("Maintainer");
        assertTrue(maintainer.matches("[^<>@]+ <[^<>@\\s]+@[^<>@\\s]+\\.[a-z]+>"), maintainer);
        assertFalse(maintainer.contains("${"), "uninterpolated: " + maintainer);
        assertFalse(maintainer.matches(".*@(example\\.(com|org|net)|localhost|invalid)>"), maintainer);
        String expected = System.getProperty("tunerd.deb.maintainer", "");
        if (!expected.isEmpty()) {
            assertEquals(expected, maintainer);
        }
    }

    @Test
    void lintianFindsNoErrors() throws Exception {
        Optional<Path> lintian = onPath("lintian");
        assumeTrue(lintian.isPresent(), "lintian not installed (Debian package lintian): skipped");
        Run r = run(Map.of(), lintian.get().toString(), "--no-tag-display-limit", deb.toString());
        List<String> errors = r.out().lines().filter(l -> l.startsWith("E: ")).toList();
        assertEquals(List.of(), errors, r.out() + r.err());
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Optional<Path> analyze = onPath("systemd-analyze");
        assumeTrue(analyze.isPresent() && Files.isDirectory(Path.of("/lib/systemd/system")),
                "systemd not installed: systemd-analyze verify skipped");
        // A root with the package, the host's targets and /bin/kill (ExecReload), so every reference resolves.
        Path vroot = work.resolve("verify-root");
        copyTree(root, vroot);
        Files.createDirectories(vroot.resolve("bin"));
        Files.copy(Path.of("/bin/kill"), vroot.resolve("bin/kill"), StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> units = Files.list(Path.of("/lib/systemd/system"))) {
            for (Path u : units.filter(p -> p.toString().matches(".*\\.(target|slice|socket)$")).toList()) {
                Files.copy(u, vroot.resolve("lib/systemd/system").resolve(u.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        Run r = run(Map.of(), analyze.get().toString(), "verify", "--root=" + vroot, "tunerd.service");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", (r.out() + r.err()).trim());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
