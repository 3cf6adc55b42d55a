package org.tunerd.daemon.service;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Measures one environment over the whole space, or over a seeded random sample of it, and stores it as a
 * source for later transfers ({@code tunerd profile}). Resumable: configurations the store already holds
 * for the environment, or its profiling journal, are not measured again. Every measurement is appended to the
 * journal ({@link ProfileJournal}, a hidden file beside the environment's store file) as it is taken; the
 * stored environment (JSON file and influence terms, whose cost grows with all its measurements) is rewritten
 * after {@value #SAVE_EVERY} new measurements, then each time the measurements grew by a quarter
 * ({@link #nextSave}), and at the end, when the journal is deleted. So the whole run's cost stays linear in
 * the measurements (rewriting every 10 made it quadratic: 134 s of CPU at 12,000 configurations) and a stop
 * loses nothing. Stored and journaled measurements are read in the device's categorical codes by label
 * ({@link DeviceLabels}, {@link ProfileJournal}): one recorded as fp32 stays fp32 when the config reorders the
 * option's values; one of a label the device no longer offers is left out (with a WARN) and, as the stored
 * environment is rewritten in the device's space, not kept. The device is restored to its configuration before
 * profiling at the end.
 */
public final class Profiler {

    static final int SAVE_EVERY = 10;
    /** The stored environment is rewritten when its measurements grew by this fraction since the last write. */
    static final double SAVE_GROWTH = 0.25;
    private static final Logger LOG = LoggerFactory.getLogger(Profiler.class);

    /** Waits a settle time (a sleep outside tests). */
    interface Pause {
        void pause(Duration duration);
    }

    private final Device device;
    private final ModelStore store;
    private final Pause pause;

    public Profiler(Device device, ModelStore store) {
        this(device, store, Profiler::sleep);
    }

    Profiler(Device device, ModelStore store, Pause pause) {
        this.device = device;
        this.store = store;
        this.pause = pause;
    }

    /**
     * Profiles {@code workload} on the device.
     *
     * @param count    number of configurations to measure in all (the whole space if larger)
     * @param settle   the configured wait after each reconfiguration; the device decides how much of it it
     *                 needs ({@link Device#settleTime}: none on a simulated or replayed board)
     * @param progress receives the number of configurations measured so far, stored ones included: first
     *                 the number already stored (a resumed run), then one more after each measurement
     * @return the stored environment
     */
    public StoredModel profile(Workload workload, int count, Duration settle, long seed, IntConsumer progress) {
        ConfigurationSpace space = device.describe().space();
        Environment environment = workload.environment(device.describe().hardware());
        List<Configuration> order = new ArrayList<>(space.configurations());
        java.util.Collections.shuffle(order, new Random(seed));
        List<Configuration> wanted = order.subList(0, Math.min(count, order.size()));

        Optional<StoredModel> known = store.get(environment);
        Map<Configuration, Measurement> measured = new LinkedHashMap<>();
        // the stored environment may have been measured with the option values in another order: by label
        known.flatMap(k -> new DeviceLabels(space).of(k.data(), "stored measurements"))
                .ifPresent(d -> d.measurements().forEach(m -> measured.put(m.configuration(), m)));
        ProfileJournal journal = journalOf(environment, space);
        int journaled = 0;
        for (Measurement m : journal.read()) {
            if (space.allows(m.configuration()) && measured.putIfAbsent(m.configuration(), m) == null) {
                journaled++;
            }
        }
        if (journaled > 0) {
            LOG.info("profiling {}: {} measurements recovered from {}", environment, journaled, journal.file());
        }
        Instant created = known.map(StoredModel::created).orElse(Instant.now());
        Configuration before = device.current();
        Duration wait = device.settleTime(settle);
        int done = (int) wanted.stream().filter(measured::containsKey).count();
        if (done > 0) {
            LOG.info("profiling {}: resuming, {} of {} configurations already stored", environment, done, wanted.size());
        }
        progress.accept(done);
        try {
            int next = nextSave(measured.size());
            for (Configuration c : wanted) {
                if (measured.containsKey(c)) {
                    continue;
                }
                device.apply(c);
                if (!wait.isZero()) {
                    pause.pause(wait);
                }
                Measurement m = device.measure(workload);
                journal.append(m);
                measured.put(c, m);
                progress.accept(++done);
                if (measured.size() >= next) {
                    save(environment, space, measured, created);
                    next = nextSave(measured.size());
                }
            }
            StoredModel last = save(environment, space, measured, created);
            journal.clear();
            return last;
        } finally {
            journal.close();
            device.apply(before);
        }
    }

    /**
     * After how many measurements in all the stored environment is rewritten next, given {@code stored} now:
     * {@value #SAVE_EVERY} more, or a quarter more, whichever is larger.
     */
    static int nextSave(int stored) {
        return stored + Math.max(SAVE_EVERY, (int) Math.ceil(stored * SAVE_GROWTH));
    }

    /**
     * The journal of {@code environment}'s profiling: beside its store file, hidden from the store's scan; it
     * writes and reads categorical values by label, in {@code space}'s codes.
     */
    private ProfileJournal journalOf(Environment environment, ConfigurationSpace space) {
        Path file = store.fileOf(environment.id());
        return new ProfileJournal(file.resolveSibling("." + file.getFileName() + ".journal"), space);
    }

    private StoredModel save(Environment environment, ConfigurationSpace space, Map<Configuration, Measurement> measured,
                             Instant created) {
        MeasurementSet data = new MeasurementSet(environment, space, new ArrayList<>(measured.values()),
                device.describe().energyUnit());
        Map<String, String> settings = Map.of("origin", "profile");
        StoredModel model = new StoredModel(data, ModelArchive.influence(data), settings, created, Instant.now());
        store.save(model);
        return model;
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("profiling interrupted", e);
        }
    }
}
