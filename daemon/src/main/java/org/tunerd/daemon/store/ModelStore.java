package org.tunerd.daemon.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;
import org.tunerd.models.space.Environment;

/**
 * Stored environments on disk: one JSON file per environment ({@code <environment id>.json}, see
 * {@link #fileOf}) in one folder, each with a {@code formatVersion}. Writes are atomic ({@link AtomicFiles}).
 * A file that is corrupt, of an unknown version, or claims an environment another file already holds is
 * logged, listed in {@link #problems()} and skipped; it stays on disk untouched and the other files load
 * normally. Saving an environment whose file is such a skipped file first moves it aside to
 * {@code <file>.corrupt-<time>}, so nothing unreadable is overwritten.
 *
 * <p>The folder is read when the store is opened and on {@link #refresh()}; saves update the index and tell
 * the {@linkplain #onChange listeners} (e.g. a cache of models fitted on stored environments). Thread-safe. Calls do file I/O: never call them on an event loop.
 *
 * <p>Slightly over 250 lines because the index, the skipped-file bookkeeping and the save that moves a
 * skipped file aside change together under the store's monitor; the file format itself is {@link ModelJson}'s.
 */
public final class ModelStore {

    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    private static final String SUFFIX = ".json";
    /** Ids up to this length are file names as they are; longer ones are cut and completed by a hash. */
    static final int MAX_READABLE_ID = 160;

    private final Path directory;
    private final Similarity similarity;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Replaced as a whole (copy on write) so readers never see a half-refreshed index. */
    private volatile Map<String, StoredModel> byId = Map.of();
    private volatile List<StoreProblem> problems = List.of();
    private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();

    /**
     * Opens (and creates) the store in {@code directory} and reads every file in it.
     *
     * @param similarity the measure {@link #nearest(Environment)} ranks by
     * @throws UncheckedIOException if the folder cannot be created or listed
     */
    public ModelStore(Path directory, Similarity similarity) {
        this.directory = directory.toAbsolutePath().normalize();
        this.similarity = Objects.requireNonNull(similarity, "similarity");
        refresh();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Calls {@code listener} with the id of every environment whose stored measurements may have changed:
     * after each {@link #save} and {@link #delete}, and for every environment known before or after a
     * {@link #refresh}. Called on the writing thread, after the index was updated.
     */
    public void onChange(Consumer<String> listener) {
        changeListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed(String environmentId) {
        changeListeners.forEach(l -> l.accept(environmentId));
    }

    /**
     * Re-reads the folder (e.g. after another process wrote to it). Returns the files skipped, which are
     * also available from {@link #problems()} until the next refresh.
     */
    public synchronized List<StoreProblem> refresh() {
        List<StoreProblem> found = new ArrayList<>();
        Map<String, StoredModel> loaded = new TreeMap<>();
        try {
            Files.createDirectories(directory);
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
                ds.forEach(files::add);
            }
            files.sort(Comparator.naturalOrder());
            Map<String, List<Map.Entry<Path, StoredModel>>> claims = new TreeMap<>();
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    StoredModel m = read(file);
                    claims.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(Map.entry(file, m));
                } catch (StoreFormatException e) {
                    found.add(new StoreProblem(file, e.getMessage()));
                } catch (IOException e) {
                    found.add(new StoreProblem(file, "cannot read: " + e));
                }
            }
            // Several files claiming one environment: the one named after it wins, else the first by name.
            claims.forEach((id, list) -> {
                Map.Entry<Path, StoredModel> winner = list.stream()
                        .filter(e -> e.getKey().getFileName().equals(fileOf(id).getFileName())).findFirst()
                        .orElse(list.get(0));
                loaded.put(id, winner.getValue());
                list.stream().filter(e -> e != winner).forEach(e -> found.add(new StoreProblem(e.getKey(),
                        "holds environment " + id + ", already loaded from " + winner.getKey())));
            });
            found.sort(Comparator.comparing(StoreProblem::file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model store " + directory, e);
        }
        found.forEach(p -> LOG.error("model store: skipped {}", p));
        java.util.Set<String> touched = new java.util.TreeSet<>(byId.keySet());
        touched.addAll(loaded.keySet());
        byId = Map.copyOf(loaded);
        problems = List.copyOf(found);
        touched.forEach(this::changed);
        LOG.info("model store {}: {} environments, {} files skipped", directory, loaded.size(), found.size());
        return problems;
    }

    /** Files skipped by the last read of the folder, for the daemon to report as events. */
    public List<StoreProblem> problems() {
        return problems;
    }

    /** Every stored environment, ordered by id. */
    public List<StoredModel> all() {
        return byId.values().stream().sorted(Comparator.comparing(StoredModel::id)).toList();
    }

    public int size() {
        return byId.size();
    }

    public Optional<StoredModel> get(Environment environment) {
        return get(environment.id());
    }

    public Optional<StoredModel> get(String environmentId) {
        return Optional.ofNullable(byId.get(environmentId));
    }

    /** Writes {@code model} (replacing any earlier version of the same environment) atomically. */
    public synchronized void save(StoredModel model) {
        Path file = fileOf(model.id());
        keepAsideIfSkipped(file);
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(StoredModelJson.write(model)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Map<String, StoredModel> next = new java.util.HashMap<>(byId);
        next.put(model.id(), model);
        byId = Map.copyOf(next);
        changed(model.id());
        LOG.debug("model store: saved {} ({} measurements)", model.id(), model.data().size());
    }

    /** Removes the environment's file; false if it was not stored. */
    public synchronized boolean delete(Environment environment) {
        try {
            boolean existed = Files.deleteIfExists(fileOf(environment.id()));
            Map<String, StoredModel> next = new java.util.HashMap<>(byId);
            boolean known = next.remove(environment.id()) != null;
            byId = Map.copyOf(next);
            changed(environment.id());
            return known || existed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + fileOf(environment.id()), e);
        }
    }

    /** A file the last refresh skipped (corrupt, unknown version) is renamed, never overwritten. */
    private void keepAsideIfSkipped(Path file) {
        if (problems.stream().noneMatch(p -> p.file().equals(file)) || !Files.exists(file)) {
            return;
        }
        Path aside;
        try {
            aside = AtomicFiles.moveAside(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the unreadable " + file + " aside before saving over it", e);
        }
        LOG.warn("model store: unreadable {} kept as {} before saving a new version", file, aside);
        problems = problems.stream().filter(p -> !p.file().equals(file)).toList();
    }

    /**
     * The file an environment is stored in: {@code <id>.json} while the id is at most {@value #MAX_READABLE_ID}
     * characters; a longer id (which a file name could not hold) keeps its first characters and ends with a
     * hash of the whole id, so distinct ids get distinct files.
     */
    public Path fileOf(String environmentId) {
        return directory.resolve(fileNameOf(environmentId));
    }

    /** The file name of {@link #fileOf}, also used for other per-environment files (session checkpoints). */
    static String fileNameOf(String environmentId) {
        String name = environmentId;
        if (name.length() > MAX_READABLE_ID) {
            name = name.substring(0, MAX_READABLE_ID - 33) + "-" + sha256Hex(environmentId).substring(0, 32);
        }
        return name + SUFFIX;
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stored environments ranked as transfer sources for {@code target} by this store's {@link Similarity},
     * closest first (ties by id). Includes {@code target} itself (distance 0) when stored.
     */
    public List<Candidate> nearest(Environment target) {
        return nearest(target, similarity);
    }

    /** As {@link #nearest(Environment)}, with another measure. */
    public List<Candidate> nearest(Environment target, Similarity measure) {
        return byId.values().stream()
                .map(m -> new Candidate(m, measure.distance(target, m.environment())))
                .sorted(Comparator.comparingDouble(Candidate::distance).thenComparing(c -> c.model().id()))
                .toList();
    }

    private StoredModel read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreFormatException("not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new StoreFormatException("empty file");
        }
        return StoredModelJson.read(tree, "");
    }
}
