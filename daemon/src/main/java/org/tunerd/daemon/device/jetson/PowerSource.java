package org.tunerd.daemon.device.jetson;

/** Reads the board's total power draw now. */
@FunctionalInterface
public interface PowerSource {

    /** Total power in watts; throws {@link org.tunerd.daemon.device.DeviceException} if the sensor cannot be read. */
    double watts();
}
