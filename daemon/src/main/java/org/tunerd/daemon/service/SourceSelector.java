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
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Picks the stored environments to transfer from, the primary one first. Usable sources have no option
 * the device lacks (the device may have more, e.g. a core mask a source measured only as a core count;
 * the transfer then reads the source's own options), are not the target itself (unless stored with other
 * options: the same workload before software options were declared), and hold at least
 * {@value #MIN_MEASUREMENTS} measurements. A source's categorical values are re-expressed in the device's codes
 * by label ({@link DeviceLabels}): one recorded with {@code precision: [fp32, fp16]} is presented to a device
 * declaring {@code [fp16, fp32]} with its codes swapped, and measurements of a label the device no longer offers
 * are left out (and no longer count towards {@value #MIN_MEASUREMENTS}).
 * Among them, those that cover at least {@value #WELL_COVERED} of their space (a profiled environment) come
 * first, nearest by the store's similarity measure (same hardware first, then same DNN, then nearest input
 * size; see {@code store.similarity} in the config): a source model fitted on a 20-point transfer sample is
 * a poor prior, however similar its environment. Without a well-covered source, the usable source with the
 * most measurements is the primary one (nearest on ties).
 *
 * <p>After the primary source come the other well-covered usable sources, nearest first, up to {@code
 * maxSources} in all ({@code store.maxSources}); when the primary source has energy measurements, so must
 * they (else no energy model could be fitted from all of them). Empty = cold start.
 */
final class SourceSelector {

    static final int MIN_MEASUREMENTS = 10;
    static final double WELL_COVERED = 0.25;
    private static final Logger LOG = LoggerFactory.getLogger(SourceSelector.class);

    private final ModelStore store;
    private final ConfigurationSpace deviceSpace;
    private final int maxSources;
    private final DeviceLabels labels;

    SourceSelector(ModelStore store, ConfigurationSpace deviceSpace, int maxSources) {
        if (maxSources < 1) {
            throw new IllegalArgumentException("maxSources must be at least 1, got " + maxSources);
        }
        this.store = store;
        this.deviceSpace = deviceSpace;
        this.maxSources = maxSources;
        this.labels = new DeviceLabels(deviceSpace);
    }

    /** The sources for {@code target}, the primary one first; empty for a cold start. */
    List<MeasurementSet> select(Environment target) {
        List<Usable> usable = new ArrayList<>();
        for (Candidate c : store.nearest(target)) {
            usable(c.model(), target).ifPresent(data -> usable.add(new Usable(c, data)));
        }
        Optional<Usable> chosen = usable.stream()
                .filter(u -> wellCovered(u.data()))
                .findFirst()
                .or(() -> usable.stream().max(Comparator.comparingInt((Usable u) -> u.data().size())
                        .thenComparing(Comparator.comparingDouble((Usable u) -> u.candidate().distance()).reversed())));
        if (chosen.isEmpty()) {
            LOG.info("no stored environment can serve as a source for {}: cold start", target);
            return List.of();
        }
        Usable primary = chosen.get();
        List<MeasurementSet> out = new ArrayList<>();
        out.add(primary.data());
        for (Usable u : usable) {
            if (out.size() >= maxSources) {
                break;
            }
            MeasurementSet data = u.data();
            if (u == primary || !wellCovered(data)) {
                continue;
            }
            if (!energyCompatible(primary.data(), data)) {
                LOG.info("not adding source {} for {}: it lacks energy measurements the primary source {} has",
                        data.environment(), target, primary.data().environment());
                continue;
            }
            out.add(data);
        }
        LOG.info("source for {}: {} ({} measurements, distance {}){}", target, primary.data().environment(),
                primary.data().size(), String.format(java.util.Locale.ROOT, "%.3f", primary.candidate().distance()),
                out.size() > 1 ? "; models also from " + out.subList(1, out.size()).stream()
                        .map(MeasurementSet::environment).toList() : "");
        return List.copyOf(out);
    }

    /**
     * The sources an interrupted session used, by environment id, so that its resumption fits the same
     * models: each is taken from the store as it is now (a stored environment measured further since then
     * brings its new measurements). If the primary source is gone from the store or no longer usable, the
     * sources are selected afresh; an extra source that is gone or unusable is left out, and none is added.
     */
    List<MeasurementSet> resume(Environment target, String primaryId, List<String> extraIds) {
        Optional<MeasurementSet> primary = store.get(primaryId).flatMap(m -> usable(m, target));
        if (primary.isEmpty()) {
            LOG.warn("resuming {}: its source {} is gone from the store or no longer usable; selecting afresh", target,
                    primaryId);
            return select(target);
        }
        List<MeasurementSet> out = new ArrayList<>();
        out.add(primary.get());
        for (String id : extraIds) {
            Optional<MeasurementSet> extra = store.get(id).flatMap(m -> usable(m, target))
                    .filter(data -> wellCovered(data) && energyCompatible(primary.get(), data));
            if (extra.isEmpty()) {
                LOG.warn("resuming {}: its source {} is gone from the store or no longer usable; continuing without it",
                        target, id);
            } else if (out.size() < maxSources) {
                out.add(extra.get());
            }
        }
        LOG.info("resuming {} with the sources it started with: {}", target,
                out.stream().map(MeasurementSet::environment).toList());
        return List.copyOf(out);
    }

    /**
     * {@code model}'s measurements in the device's categorical codes ({@link DeviceLabels}) if it can serve as a
     * source for {@code target}: options all among the device's, not the target's own, and at least {@value
     * #MIN_MEASUREMENTS} measurements once those with labels the device no longer offers are left out.
     */
    private Optional<MeasurementSet> usable(StoredModel model, Environment target) {
        MeasurementSet data = model.data();
        if (data.size() < MIN_MEASUREMENTS) {
            return Optional.empty();
        }
        boolean sameOptions = new HashSet<>(deviceSpace.names()).equals(new HashSet<>(data.space().names()));
        if (data.environment().equals(target) && sameOptions) {
            return Optional.empty(); // the target's own measurements, reused as such
        }
        if (!new HashSet<>(deviceSpace.names()).containsAll(data.space().names())) {
            LOG.debug("skipping source {}: options {} are not all among the device's {}", data.environment(),
                    data.space().names(), deviceSpace.names());
            return Optional.empty();
        }
        Optional<MeasurementSet> relabelled = labels.of(data, "source measurements");
        if (relabelled.isPresent() && relabelled.get().size() < MIN_MEASUREMENTS) {
            LOG.info("skipping source {}: {} of its measurements use values the device still offers, fewer than {}",
                    data.environment(), relabelled.get().size(), MIN_MEASUREMENTS);
            return Optional.empty();
        }
        return relabelled;
    }

    /** A usable stored environment and its measurements in the device's codes. */
    private record Usable(Candidate candidate, MeasurementSet data) {
    }

    private static boolean wellCovered(MeasurementSet data) {
        return data.size() >= WELL_COVERED * data.space().size();
    }

    private static boolean energyCompatible(MeasurementSet primary, MeasurementSet other) {
        return !allHaveEnergy(primary) || allHaveEnergy(other);
    }

    private static boolean allHaveEnergy(MeasurementSet data) {
        return data.measurements().stream().allMatch(Measurement::hasEnergy);
    }
}
