package org.tunerd.daemon.service;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Relabelled;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * Re-expresses stored measurements (a stored model, a checkpoint) in the device's categorical codes by label
 * ({@link Relabelled}), and says so: INFO for the options whose codes were re-expressed, WARN for each label the
 * device no longer offers and how many measurements were left out for it. A categorical value is stored as its
 * position in the option's labels, so without this a reordered option in the config would make stored
 * measurements of fp32 read as fp16.
 */
final class DeviceLabels {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceLabels.class);

    private final ConfigurationSpace device;

    DeviceLabels(ConfigurationSpace device) {
        this.device = device;
    }

    /**
     * {@code data} in the device's codes ({@code data} itself when the labels agree); empty, with a WARN, if an
     * option has no label in common with the device's.
     *
     * @param what what the data is, for the log ({@code "stored measurements"}, {@code "source"})
     */
    Optional<MeasurementSet> of(MeasurementSet data, String what) {
        try {
            Relabelled<MeasurementSet> r = Relabelled.of(data, device);
            report(r, data.environment(), data.space(), what);
            return Optional.of(r.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} of {} not used: {}", what, data.environment(), e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code measured}, recorded in {@code space}, in the device's codes (the list itself when the labels agree). */
    List<Measurement> of(List<Measurement> measured, ConfigurationSpace space, Environment environment, String what) {
        Relabelled<List<Measurement>> r = Relabelled.of(measured, space, device);
        report(r, environment, space, what);
        return r.value();
    }

    private void report(Relabelled<?> r, Environment environment, ConfigurationSpace recorded, String what) {
        if (!r.remapped()) {
            return;
        }
        for (String option : r.remappedOptions()) {
            LOG.info("{} of {} were recorded with {} = {}, the device now declares {}: re-expressed by label", what,
                    environment, option, recorded.require(option).labels(), device.require(option).labels());
        }
        r.dropped().forEach((label, n) -> LOG.warn("{} {} of {} use {}, which the device no longer offers: left out",
                n, what, environment, label));
    }
}
