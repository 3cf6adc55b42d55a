package org.tunerd.daemon.device;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for a device id, the identity of this board in events (CloudEvents source
 * {@code urn:tunerd:<id>}), Kafka record keys, consumer group names and command addressing: 1 to
 * {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or a digit. The
 * configuration checks it when the file is validated ({@code deviceId}); everything downstream relies on it.
 */
public final class DeviceId {

    /** Longest id accepted. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final String RULE = "use 1-" + MAX_LENGTH + " of A-Z a-z 0-9 . _ -, starting with a letter or digit";

    private DeviceId() {
    }

    /** What is wrong with {@code id}, or empty if it is a valid device id. */
    public static Optional<String> problem(String id) {
        if (id == null) {
            return Optional.of("is missing; " + RULE);
        }
        if (!VALID.matcher(id).matches()) {
            return Optional.of("'" + shown(id) + "' is not a valid device id: " + RULE);
        }
        return Optional.empty();
    }

    /**
     * Checks {@code id}.
     *
     * @return the id
     * @throws IllegalArgumentException naming the id and the rule
     */
    public static String require(String id) {
        problem(id).ifPresent(p -> {
            throw new IllegalArgumentException("device id " + p);
        });
        return id;
    }

    /**
     * A valid device id made from a host name: characters outside the rule become {@code -}, a leading
     * {@code .}, {@code _} or {@code -} is dropped, and the result is cut to {@value #MAX_LENGTH}
     * characters; {@code fallback} if nothing is left.
     */
    public static String fromHostName(String hostName, String fallback) {
        String s = hostName == null ? "" : hostName.trim().replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        return s.isEmpty() ? require(fallback) : s;
    }

    private static String shown(String id) {
        return id.length() <= 2 * MAX_LENGTH ? id : id.substring(0, 2 * MAX_LENGTH) + "... (" + id.length()
                + " characters)";
    }
}
