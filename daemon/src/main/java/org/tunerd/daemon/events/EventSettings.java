package org.tunerd.daemon.events;

import java.nio.file.Path;
import java.util.Objects;
import org.tunerd.daemon.device.DeviceId;

/**
 * Settings of the event publisher.
 *
 * @param deviceId          this device's id: the CloudEvents source {@code urn:tunerd:<id>} and the Kafka key
 * @param journalDirectory  where {@value EventJournal#FILE} and its offset live
 * @param fsync             fsync the journal after every batch of appends (otherwise only flush to the OS)
 * @param journalRotateBytes rotate the journal once it is this large and fully delivered
 */
public record EventSettings(String deviceId, Path journalDirectory, boolean fsync, long journalRotateBytes) {

    /** 16 MiB. */
    public static final long DEFAULT_ROTATE_BYTES = 16L << 20;

    public EventSettings {
        DeviceId.require(deviceId);
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        if (journalRotateBytes <= 0) {
            throw new IllegalArgumentException("events.journalRotateBytes must be positive, got " + journalRotateBytes);
        }
    }

    /** fsync on, 16 MiB rotation. */
    public static EventSettings of(String deviceId, Path journalDirectory) {
        return new EventSettings(deviceId, journalDirectory, true, DEFAULT_ROTATE_BYTES);
    }
}
