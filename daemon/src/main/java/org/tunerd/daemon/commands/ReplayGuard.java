package org.tunerd.daemon.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.files.AtomicFiles;

/**
 * Applies each command at most once and refuses stale ones. A command is identified as CloudEvents identify an
 * event, by {@code source} and {@code id}; one seen before within the {@link #window} is refused as a
 * duplicate (a record delivered again after a crash or a rebalance, or replayed by someone who can write the
 * topic). A command whose {@code time} lies more than the window in the past, or more than
 * {@link #maxAhead} ahead of this device's clock, is refused as stale: an id is remembered until its command
 * could no longer pass the time check, so a replay after the window is refused by its {@code time}. A command
 * without {@code time} is remembered for the window from its arrival; after that a replay of it is not
 * recognised (senders should set {@code time}).
 *
 * <p>The ids are kept in a file ({@code commands-seen.json} in the state directory, written atomically before
 * the command is applied), so a restart does not forget them; an id is recorded before its command is handed
 * on, so a crash in between loses that command rather than applying it twice. At most {@link #MAX_REMEMBERED}
 * ids are kept (the ones expiring soonest are forgotten first). This is no authentication: whoever may write
 * the commands topic commands the devices (restrict it with ACLs, {@code systemd/README.md}). Thread-safe.
 */
public final class ReplayGuard {

    /** How long an id is remembered, and how old a command's {@code time} may be. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    /** How far a command's {@code time} may be ahead of this device's clock (clock skew). */
    public static final Duration DEFAULT_MAX_AHEAD = Duration.ofMinutes(1);
    /** The most ids remembered at once. */
    public static final int MAX_REMEMBERED = 10_000;
    /** Version of the file written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ReplayGuard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> file;
    private final Clock clock;
    private final Duration window;
    private final Duration maxAhead;
    /** source + " " + id -> when it may be forgotten. */
    private final Map<String, Instant> seen = new LinkedHashMap<>();

    /**
     * @param file     where the ids are kept across restarts (empty: in memory only)
     * @param window   see {@link #DEFAULT_WINDOW}
     * @param maxAhead see {@link #DEFAULT_MAX_AHEAD}
     */
    public ReplayGuard(Optional<Path> file, Clock clock, Duration window, Duration maxAhead) {
        this.file = file.map(f -> f.toAbsolutePath().normalize());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.maxAhead = Objects.requireNonNull(maxAhead, "maxAhead");
        this.file.ifPresent(this::load);
    }

    /** A guard with the default window and skew, its ids kept in {@code file}. */
    public static ReplayGuard keptIn(Path file, Clock clock) {
        return new ReplayGuard(Optional.of(file), clock, DEFAULT_WINDOW, DEFAULT_MAX_AHEAD);
    }

    /** How long an id is remembered and how old a command may be. */
    public Duration window() {
        return window;
    }

    /** How far ahead of this device's clock a command's time may be. */
    public Duration maxAhead() {
        return maxAhead;
    }

    /**
     * Admits {@code command} (and remembers it) or says why not.
     *
     * @return empty if the command may be applied; else the reason it is refused, naming its id and time
     */
    public synchronized Optional<String> admit(CommandMeta command) {
        Instant now = clock.instant();
        seen.values().removeIf(expiry -> expiry.isBefore(now));
        if (command.time().isPresent()) {
            Instant sent = command.time().get();
            if (sent.isBefore(now.minus(window))) {
                return Optional.of("stale: command " + command.id() + " was sent at " + sent + ", more than " + window
                        + " before this device's clock (" + now + ")");
            }
            if (sent.isAfter(now.plus(maxAhead))) {
                return Optional.of("stale: command " + command.id() + " is dated " + sent + ", more than " + maxAhead
                        + " ahead of this device's clock (" + now + ")");
            }
        }
        String key = command.source() + " " + command.id();
        if (seen.containsKey(key)) {
            return Optional.of("duplicate: command " + command.id() + " from " + command.source()
                    + " was applied already (ids are remembered for " + window + ")");
        }
        Instant from = command.time().filter(t -> t.isAfter(now)).orElse(now);
        seen.put(key, from.plus(window).plus(maxAhead));
        while (seen.size() > MAX_REMEMBERED) {
            seen.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .ifPresent(e -> seen.remove(e.getKey()));
        }
        file.ifPresent(this::save);
        return Optional.empty();
    }

    private void save(Path f) {
        ObjectNode n = JSON.createObjectNode();
        n.put("formatVersion", FORMAT_VERSION);
        ArrayNode ids = n.putArray("seen");
        seen.forEach((key, expiry) -> ids.addObject().put("key", key).put("expires", expiry.toString()));
        try {
            AtomicFiles.write(f, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            // the command is still applied once in this process; only a restart could not recognise it
            LOG.warn("commands: cannot keep the ids of applied commands in {}: {}", f, e.getMessage());
        }
    }

    private void load(Path f) {
        if (!Files.exists(f)) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            if (n == null || n.path("formatVersion").asInt() != FORMAT_VERSION || !n.path("seen").isArray()) {
                throw new IOException("not a version " + FORMAT_VERSION + " list of command ids");
            }
            for (JsonNode e : n.get("seen")) {
                seen.put(e.get("key").asText(), Instant.parse(e.get("expires").asText()));
            }
        } catch (IOException | RuntimeException e) {
            seen.clear();
            Path aside = f;
            try {
                aside = AtomicFiles.moveAside(f);
            } catch (IOException moveFailed) {
                LOG.error("could not move {} aside", f, moveFailed);
            }
            LOG.error("commands: ids of applied commands in {} unreadable ({}); moved to {}: commands sent within "
                    + "the last {} may be applied again", f, e.getMessage(), aside, window);
        }
    }
}
