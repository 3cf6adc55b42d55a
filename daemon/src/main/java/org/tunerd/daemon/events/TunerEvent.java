package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One event the daemon publishes. The data object is copied on the way in and on the way out, so an
 * event never changes after it was made.
 *
 * @param id       unique id (the CloudEvents {@code id})
 * @param type     what happened
 * @param time     when it happened
 * @param deviceId the device that published it (CloudEvents source {@code urn:tunerd:<deviceId>}, Kafka key)
 * @param data     the event's payload, a JSON object
 */
public record TunerEvent(UUID id, EventType type, Instant time, String deviceId, ObjectNode data) {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public TunerEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        requireDeviceId(deviceId);
        data = Objects.requireNonNull(data, "data").deepCopy();
    }

    /** A copy of the payload. */
    @Override
    public ObjectNode data() {
        return data.deepCopy();
    }

    /**
     * Checks a device id: 1-128 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit.
     *
     * @return the id
     */
    public static String requireDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id '" + deviceId
                    + "' is invalid: use 1-128 of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        }
        return deviceId;
    }
}
