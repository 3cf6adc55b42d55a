package org.tunerd.daemon.device.jetson;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads board profiles: the ones built into the jar (classpath folder {@value #RESOURCE_FOLDER}, copied from
 * {@code config/boards}) and, optionally, a folder whose {@code *.yaml} files replace built-ins of the same
 * name or add new boards. Every problem is a {@link BoardProfileException} naming the file and the field; what a
 * profile must hold is checked by {@link BoardProfileValidation}.
 */
public final class BoardProfiles {

    /** Classpath folder holding the built-in profiles. */
    public static final String RESOURCE_FOLDER = "boards";

    private static final Logger LOG = LoggerFactory.getLogger(BoardProfiles.class);

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, BoardProfile> profiles;

    private BoardProfiles(Map<String, BoardProfile> profiles) {
        this.profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
    }

    /** The built-in profiles only. */
    public static BoardProfiles builtIn() {
        return load(Optional.empty());
    }

    /** The built-in profiles, with those in {@code overrideFolder} (if given) replacing or adding. */
    public static BoardProfiles load(Optional<Path> overrideFolder) {
        return load(overrideFolder, BoardProfiles.class.getClassLoader());
    }

    /** As {@link #load(Optional)}, with the built-in profiles taken from {@code loader}. */
    static BoardProfiles load(Optional<Path> overrideFolder, ClassLoader loader) {
        Map<String, BoardProfile> all = new TreeMap<>(readBuiltIn(loader));
        overrideFolder.ifPresent(folder -> readFolder(folder).forEach((name, profile) -> {
            if (all.put(name, profile) != null) {
                LOG.info("board profile '{}' from {} replaces the built-in one", name, folder);
            }
        }));
        return new BoardProfiles(all);
    }

    /** Profiles by name, sorted. */
    public Map<String, BoardProfile> all() {
        return profiles;
    }

    /** The profile called {@code name}; fails listing the known names. */
    public BoardProfile require(String name) {
        BoardProfile p = profiles.get(name);
        if (p == null) {
            throw new BoardProfileException("unknown board '" + name + "'; known boards: " + profiles.keySet());
        }
        return p;
    }

    /** Reads and validates one profile file; {@code source} names it in errors. */
    public static BoardProfile parse(InputStream in, String source) {
        BoardProfile profile;
        try {
            profile = YAML.readValue(in, BoardProfile.class);
        } catch (JsonMappingException e) {
            throw new BoardProfileException(source + ": field '" + fieldPath(e) + "': " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new BoardProfileException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BoardProfileException(source + ": cannot read: " + e.getMessage(), e);
        }
        if (profile == null) {
            throw new BoardProfileException(source + ": empty board profile");
        }
        BoardProfileValidation.check(profile, source);
        return profile;
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static Map<String, BoardProfile> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BoardProfileException("board profile folder " + folder + " does not exist or is not a folder");
        }
        Map<String, BoardProfile> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                BoardProfile p = readFile(file, file.toString());
                out.put(p.name(), p);
            }
        } catch (IOException e) {
            throw new BoardProfileException("cannot list board profile folder " + folder + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static BoardProfile readFile(Path file, String source) {
        try (InputStream in = Files.newInputStream(file)) {
            BoardProfile p = parse(in, source);
            String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!p.name().equals(stem)) {
                throw new BoardProfileException(source + ": field 'name': '" + p.name()
                        + "' must equal the file name '" + stem + "'");
            }
            return p;
        } catch (IOException e) {
            throw new BoardProfileException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, BoardProfile> readBuiltIn(ClassLoader loader) {
        URL url = loader.getResource(RESOURCE_FOLDER + "/");
        if (url == null) {
            throw new BoardProfileException("no built-in board profiles: classpath folder '" + RESOURCE_FOLDER
                    + "/' is missing (the jar was built without config/boards)");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new BoardProfileException("bad classpath location of board profiles: " + url, e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem fs = newJarFileSystem(uri)) {
                return readResourceFolder(fs.provider().getPath(uri));
            } catch (IOException e) {
                throw new BoardProfileException("cannot read built-in board profiles from " + uri + ": " + e, e);
            }
        }
        return readResourceFolder(Path.of(uri));
    }

    private static FileSystem newJarFileSystem(URI uri) throws IOException {
        try {
            FileSystems.getFileSystem(uri);
            // Someone else holds it open: use a private one so closing ours does not close theirs.
            String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jar.substring("jar:".length()))));
        } catch (FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(uri, Map.of());
        }
    }

    private static Map<String, BoardProfile> readResourceFolder(Path folder) {
        Map<String, BoardProfile> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                BoardProfile p = readFile(file, "classpath:" + RESOURCE_FOLDER + "/" + file.getFileName());
                out.put(p.name(), p);
            }
        } catch (IOException e) {
            throw new BoardProfileException("cannot list built-in board profiles in " + folder + ": " + e, e);
        }
        return out;
    }
}
