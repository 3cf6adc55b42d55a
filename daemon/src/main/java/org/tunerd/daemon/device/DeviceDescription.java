package org.tunerd.daemon.device;

import java.util.Map;
import java.util.Objects;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * What a device is: its hardware name (part of the environment), a stable identity, and its space.
 *
 * @param hardware        hardware name used in environments, e.g. {@code TX2}
 * @param identity        facts that identify the board (model, compatible, chip id, serial, ...)
 * @param space           the configurations the board offers, with the values it lists
 * @param energyAvailable false when no power sensor was found (latency-only)
 */
public record DeviceDescription(String hardware, Map<String, String> identity, ConfigurationSpace space,
                                boolean energyAvailable) {

    public DeviceDescription {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(space, "space");
        identity = Map.copyOf(identity);
    }
}
