package org.tunerd.daemon.events;

import java.util.Locale;

/**
 * What happened. Each type has a short name ({@code environment.changed}) and the CloudEvents type
 * {@code org.tunerd.<short name>} used on the wire.
 */
public enum EventType {
    /** A new environment (workload, input size or hardware) was detected. */
    ENVIRONMENT_CHANGED,
    /** A tuning session started: source environment, strategy, budget. */
    TUNING_STARTED,
    /** One configuration was measured on the device. */
    SAMPLE_MEASURED,
    /** The target model was fitted from the samples. */
    MODEL_FITTED,
    /** The device was put into the chosen configuration. */
    DEVICE_RECONFIGURED,
    /** The applied configuration was measured: predicted vs measured values. */
    TUNING_VERIFIED,
    /** A tuning session failed; the data carries the reason. */
    TUNING_FAILED,
    /** A tuning session was cancelled (newer environment change or a command). */
    TUNING_CANCELLED,
    /** A new policy/configuration file took effect. */
    POLICY_RELOADED,
    /** A policy file or override was invalid; the last good policy stays in force. */
    POLICY_REJECTED,
    /** A command could not be parsed or applied. */
    COMMAND_REJECTED,
    /** No power sensor: the daemon runs latency-only. */
    SENSOR_MISSING,
    /** An environment was stored in the model store and may serve as a transfer source. */
    MODEL_STORED,
    /** An environment shared by another device was imported into the model store. */
    MODEL_IMPORTED,
    /**
     * An event could not be journaled or delivered as it was (larger than the event size bound, refused by the
     * broker as too large, or an unreadable journal line): the data names its id, type and size and the
     * dead-letter file that keeps it.
     */
    EVENT_DEAD_LETTERED("event.dead-lettered");

    /** The CloudEvents type prefix. */
    public static final String PREFIX = "org.tunerd.";

    private final String shortName;

    EventType() {
        this.shortName = name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    EventType(String shortName) {
        this.shortName = shortName;
    }

    /** {@code environment.changed}, {@code tuning.started}, ... */
    public String shortName() {
        return shortName;
    }

    /** {@code org.tunerd.environment.changed}, ... */
    public String cloudEventType() {
        return PREFIX + shortName();
    }

    /** The type for a CloudEvents type or short name; fails naming the value and the known types. */
    public static EventType fromName(String name) {
        String s = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        for (EventType t : values()) {
            if (t.shortName().equals(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown event type '" + name + "'");
    }

    @Override
    public String toString() {
        return shortName();
    }
}
