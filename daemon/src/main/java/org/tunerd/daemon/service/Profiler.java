package org.tunerd.daemon.service;

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
 * for the environment are not measured again, and progress is saved every {@value #SAVE_EVERY}
 * measurements. The device is restored to its configuration before profiling at the end.
 */
public final class Profiler {

    static final int SAVE_EVERY = 10;
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
        known.ifPresent(k -> k.data().measurements().forEach(m -> measured.put(m.configuration(), m)));
        Instant created = known.map(StoredModel::created).orElse(Instant.now());
        Configuration before = device.current();
        Duration wait = device.settleTime(settle);
        int done = (int) wanted.stream().filter(measured::containsKey).count();
        if (done > 0) {
            LOG.info("profiling {}: resuming, {} of {} configurations already stored", environment, done, wanted.size());
        }
        progress.accept(done);
        StoredModel saved = known.orElse(null);
        try {
            int sinceSave = 0;
            for (Configuration c : wanted) {
                if (measured.containsKey(c)) {
                    continue;
                }
                device.apply(c);
                if (!wait.isZero()) {
                    pause.pause(wait);
                }
                measured.put(c, device.measure(workload));
                progress.accept(++done);
                if (++sinceSave == SAVE_EVERY) {
                    saved = save(environment, space, measured, created);
                    sinceSave = 0;
                }
            }
            return save(environment, space, measured, created);
        } finally {
            device.apply(before);
        }
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
