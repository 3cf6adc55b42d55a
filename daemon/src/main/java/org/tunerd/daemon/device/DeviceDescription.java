package org.tunerd.daemon.device;

import java.util.Map;
import java.util.Objects;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * What a device is: its hardware name (part of the environment), a stable identity, its space, and the
 * unit its energy measurements are in.
 *
 * @param hardware        hardware name used in environments, e.g. {@code TX2}
 * @param identity        facts that identify the board (model, compatible, chip id, serial, ...)
 * @param space           the configurations the board offers, with the values it lists
 * @param energyAvailable false when no power sensor was found (latency-only)
 * @param energyUnit      the unit of {@link org.tunerd.daemon.device.Device#measure measured} energy: joules
 *                        on a live board, the data's units on a replayed one
 */
public record DeviceDescription(String hardware, Map<String, String> identity, ConfigurationSpace space,
                                boolean energyAvailable, EnergyUnit energyUnit) {

    public DeviceDescription {
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(energyUnit, "energyUnit");
        identity = Map.copyOf(identity);
    }

    /** A device measuring energy in joules (a live board or the simulator). */
    public DeviceDescription(String hardware, Map<String, String> identity, ConfigurationSpace space,
                             boolean energyAvailable) {
        this(hardware, identity, space, energyAvailable, EnergyUnit.JOULES);
    }
}
