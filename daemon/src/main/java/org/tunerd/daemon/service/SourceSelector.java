package org.tunerd.daemon.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.store.Candidate;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Picks the stored environment to transfer from. Usable sources have the device's option names, are not
 * the target itself, and hold at least {@value #MIN_MEASUREMENTS} measurements. Among them, those that
 * cover at least {@value #WELL_COVERED} of their space (a profiled environment) come first, nearest by the
 * store's similarity measure (same hardware first, then same DNN, then nearest input size; see {@code
 * store.similarity} in the config): a source model fitted on a 20-point transfer sample is a poor prior,
 * however similar its environment. Without a well-covered source, the usable source with the most
 * measurements is taken (nearest on ties). Empty = cold start.
 */
final class SourceSelector {

    static final int MIN_MEASUREMENTS = 10;
    static final double WELL_COVERED = 0.25;
    private static final Logger LOG = LoggerFactory.getLogger(SourceSelector.class);

    private final ModelStore store;
    private final ConfigurationSpace deviceSpace;

    SourceSelector(ModelStore store, ConfigurationSpace deviceSpace) {
        this.store = store;
        this.deviceSpace = deviceSpace;
    }

    Optional<MeasurementSet> select(Environment target) {
        var names = new HashSet<>(deviceSpace.names());
        List<Candidate> usable = new ArrayList<>();
        for (Candidate c : store.nearest(target)) {
            MeasurementSet data = c.model().data();
            if (data.environment().equals(target) || data.size() < MIN_MEASUREMENTS) {
                continue;
            }
            if (!new HashSet<>(data.space().names()).equals(names)) {
                LOG.debug("skipping source {}: options {} differ from the device's {}", data.environment(),
                        data.space().names(), names);
                continue;
            }
            usable.add(c);
        }
        Optional<Candidate> chosen = usable.stream()
                .filter(c -> c.model().data().size() >= WELL_COVERED * c.model().data().space().size())
                .findFirst()
                .or(() -> usable.stream().max(Comparator.comparingInt((Candidate c) -> c.model().data().size())
                        .thenComparing(Comparator.comparingDouble(Candidate::distance).reversed())));
        chosen.ifPresentOrElse(
                c -> LOG.info("source for {}: {} ({} measurements, distance {})", target, c.model().environment(),
                        c.model().data().size(), String.format(java.util.Locale.ROOT, "%.3f", c.distance())),
                () -> LOG.info("no stored environment can serve as a source for {}: cold start", target));
        return chosen.map(c -> c.model().data());
    }
}
