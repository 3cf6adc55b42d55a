package org.tunerd.daemon.commands;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The commands the daemon accepts. On the wire the CloudEvents type is {@code org.tunerd.command.<name>};
 * {@code org.tunerd.<name>} and the bare name are accepted too.
 */
public enum CommandType {
    /** Tune again now, even without an environment change. Data: optional {@code {"reason": "..."}}. */
    RETUNE,
    /** The workload changed. Data: {@code {"dnn", "width", "height", "attributes"?}}. */
    WORKLOAD_ANNOUNCE,
    /** Override policy settings at run time. Data: a JSON object the configuration layer validates. */
    POLICY_OVERRIDE,
    /** Hold the device at a configuration. Data: {@code {"configuration": {"option": number, ...}}}. */
    CONFIGURATION_PIN,
    /** Release a pinned configuration. Data: optional {@code {"reason": "..."}}. */
    CONFIGURATION_RELEASE;

    public static final String PREFIX = "org.tunerd.command.";

    /** {@code retune}, {@code workload.announce}, ... */
    public String shortName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** {@code org.tunerd.command.retune}, ... */
    public String cloudEventType() {
        return PREFIX + shortName();
    }

    /** The command type for a CloudEvents type; fails naming the value and the accepted types. */
    public static CommandType fromName(String type) {
        String s = type;
        if (s.startsWith(PREFIX)) {
            s = s.substring(PREFIX.length());
        } else if (s.startsWith("org.tunerd.")) {
            s = s.substring("org.tunerd.".length());
        }
        for (CommandType t : values()) {
            if (t.shortName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown command type '" + type + "' (accepted: "
                + Arrays.stream(values()).map(CommandType::cloudEventType).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return shortName();
    }
}
