package org.tunerd.daemon.api;

import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.models.space.Configuration;

/**
 * Whether the daemon works, check by check ({@code GET /health}: 200 UP or 503 DOWN).
 *
 * @param device       the board answers: the configuration it is in, or why it does not answer
 * @param energySensor whether energy is measured (without a sensor the daemon runs latency-only)
 * @param events       the event publisher's counters and delivery state
 * @param store        the model store's size
 * @param lastError    why the last session (or pin) failed, until one succeeds
 */
public record HealthReport(DeviceHealth device, boolean energySensor, DeliveryStatus events, StoreHealth store,
                           Optional<String> lastError) {

    public HealthReport {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * UP unless the board does not answer or event delivery is stuck (the oldest undelivered event waited
     * longer than the publisher's stuck time). A failed session alone is reported, not DOWN: the next may work.
     */
    public boolean healthy() {
        return device.answers() && !events.stuck();
    }

    /**
     * The board's answer to "which configuration are you in".
     *
     * @param configuration   what it answered
     * @param error           why it did not answer
     * @param softwareOptions the software options of {@code configuration} in their types, a categorical one by
     *                        its label ({@link org.tunerd.models.space.SoftwareValues}); empty without any
     */
    public record DeviceHealth(Optional<Configuration> configuration, Optional<String> error,
                               java.util.Map<String, Object> softwareOptions) {

        /** An answer whose configuration has no software options. */
        public DeviceHealth(Optional<Configuration> configuration, Optional<String> error) {
            this(configuration, error, java.util.Map.of());
        }

        public DeviceHealth {
            if (configuration.isPresent() == error.isPresent()) {
                throw new IllegalArgumentException("a device answers with a configuration or fails with an error");
            }
            softwareOptions = org.tunerd.models.space.SoftwareValues.normalized(softwareOptions);
        }

        public boolean answers() {
            return configuration.isPresent();
        }
    }

    /**
     * @param environments stored environments (transfer sources)
     * @param unreadable   files skipped as unreadable when the store was read
     */
    public record StoreHealth(int environments, int unreadable) {
    }
}
