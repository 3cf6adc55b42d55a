package org.tunerd.daemon.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.tunerd.daemon.device.DeviceId;

/**
 * Settings of the event publisher.
 *
 * @param deviceId           this device's id: the CloudEvents source {@code urn:tunerd:<id>} and the Kafka key
 * @param journalDirectory   where {@value EventJournal#FILE} and its offset live
 * @param fsync              fsync the journal after every batch of appends (otherwise only flush to the OS)
 * @param journalRotateBytes rotate the journal once it is this large and fully delivered
 * @param maxEventBytes      the hard bound of one event's JSON line; a longer event is replaced by an
 *                           {@code event.dead-lettered} event and kept in the dead-letter file. At most
 *                           {@value EventJournal#MAX_LINE_BYTES}; the transport may lower it further.
 * @param stuckAfter         delivery counts as stuck once the oldest undelivered event is older than this
 */
public record EventSettings(String deviceId, Path journalDirectory, boolean fsync, long journalRotateBytes,
                            int maxEventBytes, Duration stuckAfter) {

    /** 16 MiB. */
    public static final long DEFAULT_ROTATE_BYTES = 16L << 20;
    /** 256 KiB: a hundred times the largest event tunerd itself makes, a quarter of Kafka's default request. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 256 * 1024;
    /** Longer than the producer's default delivery timeout (2 minutes), so one retried batch is not "stuck". */
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(3);
    /** The smallest bound: room for the {@code event.dead-lettered} event that replaces a longer one. */
    public static final int MIN_MAX_EVENT_BYTES = 4096;

    public EventSettings {
        DeviceId.require(deviceId);
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (journalRotateBytes <= 0) {
            throw new IllegalArgumentException("events.journalRotateBytes must be positive, got " + journalRotateBytes);
        }
        if (maxEventBytes < MIN_MAX_EVENT_BYTES || maxEventBytes > EventJournal.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("events.maxEventBytes must be in [" + MIN_MAX_EVENT_BYTES + ", "
                    + EventJournal.MAX_LINE_BYTES + "], got " + maxEventBytes);
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("events.stuckAfter must be positive, got " + stuckAfter);
        }
    }

    /** With the default event bound and stuck time. */
    public EventSettings(String deviceId, Path journalDirectory, boolean fsync, long journalRotateBytes) {
        this(deviceId, journalDirectory, fsync, journalRotateBytes, DEFAULT_MAX_EVENT_BYTES, DEFAULT_STUCK_AFTER);
    }

    /** fsync on, 16 MiB rotation, the default event bound and stuck time. */
    public static EventSettings of(String deviceId, Path journalDirectory) {
        return new EventSettings(deviceId, journalDirectory, true, DEFAULT_ROTATE_BYTES);
    }

    /** A copy with another event bound. */
    public EventSettings withMaxEventBytes(int bytes) {
        return new EventSettings(deviceId, journalDirectory, fsync, journalRotateBytes, bytes, stuckAfter);
    }

    /** A copy with another stuck time. */
    public EventSettings withStuckAfter(Duration after) {
        return new EventSettings(deviceId, journalDirectory, fsync, journalRotateBytes, maxEventBytes, after);
    }
}
