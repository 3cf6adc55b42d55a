package org.tunerd.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;

/** The version of the running tunerd, as packaged. */
public final class BuildVersion {

    /** Manifest attribute with the Debian package's version (e.g. {@code 0.1.0~snapshot}). */
    public static final String PACKAGE_VERSION = "Tunerd-Package-Version";

    private BuildVersion() {
    }

    /**
     * The package version from this jar's manifest ({@value #PACKAGE_VERSION}: what {@code dpkg -l tunerd}
     * shows), else the build's {@code Implementation-Version}, else {@code dev} when run from classes.
     */
    public static String current() {
        return packageVersion().orElseGet(() -> {
            String v = BuildVersion.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        });
    }

    private static Optional<String> packageVersion() {
        try {
            var source = BuildVersion.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return Optional.empty(); // classes directory
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                var manifest = file.getManifest();
                return Optional.ofNullable(manifest == null ? null : manifest.getMainAttributes().getValue(PACKAGE_VERSION))
                        .filter(v -> !v.isBlank());
            }
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
