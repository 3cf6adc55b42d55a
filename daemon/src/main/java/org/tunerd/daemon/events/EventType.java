package org.tunerd.daemon.events;

import java.net.URI;
import java.util.Locale;

/**
 * What happened. Each type has a short name ({@code environment.changed}), the CloudEvents type
 * {@code org.tunerd.<short name>} used on the wire, and the record of its data ({@link EventPayload}).
 */
public enum EventType {
    /** A new environment (workload, input size or hardware) was detected. */
    ENVIRONMENT_CHANGED(EventPayload.EnvironmentChanged.class),
    /** A tuning session started: source environment, strategy, budget. */
    TUNING_STARTED(EventPayload.TuningStarted.class),
    /** A session continues an interrupted one with the measurements of its checkpoint. */
    TUNING_RESUMED(EventPayload.TuningResumed.class),
    /** One configuration was measured on the device. */
    SAMPLE_MEASURED(EventPayload.SampleMeasured.class),
    /** The target model was fitted from the samples. */
    MODEL_FITTED(EventPayload.ModelFitted.class),
    /** The device was put into the chosen configuration. */
    DEVICE_RECONFIGURED(EventPayload.DeviceReconfigured.class),
    /** The applied configuration was measured: predicted vs measured values. */
    TUNING_VERIFIED(EventPayload.TuningVerified.class),
    /** A tuning session failed; the data carries the reason. */
    TUNING_FAILED(EventPayload.TuningFailed.class),
    /** A tuning session was cancelled (newer environment change or a command). */
    TUNING_CANCELLED(EventPayload.TuningCancelled.class),
    /** A new policy/configuration file took effect. */
    POLICY_RELOADED(EventPayload.PolicyReloaded.class),
    /** A reloaded file changes fields that take effect only at the next start; they keep their values in force. */
    POLICY_RESTART_NEEDED("policy.restart-needed", EventPayload.PolicyRestartNeeded.class),
    /** A policy file or override was invalid; the last good policy stays in force. */
    POLICY_REJECTED(EventPayload.PolicyRejected.class),
    /** A command could not be parsed or applied. */
    COMMAND_REJECTED(EventPayload.CommandRejected.class),
    /** No power sensor: the daemon runs latency-only. */
    SENSOR_MISSING(EventPayload.SensorMissing.class),
    /** An environment was stored in the model store and may serve as a transfer source. */
    MODEL_STORED(EventPayload.ModelStored.class),
    /** An environment shared by another device was imported into the model store. */
    MODEL_IMPORTED(EventPayload.ModelImported.class),
    /** A stored environment shared with the fleet (on the models topic, not the events topic). */
    ENVIRONMENT_SHARED(EventPayload.EnvironmentShared.class),
    /**
     * An event could not be journaled or delivered as it was (larger than the event size bound, refused by the
     * broker as too large, or an unreadable journal line): the data names its id, type and size and the
     * dead-letter file that keeps it.
     */
    EVENT_DEAD_LETTERED("event.dead-lettered", EventPayload.EventDeadLettered.class);

    /** The CloudEvents type prefix. */
    public static final String PREFIX = "org.tunerd.";
    /** The prefix of every type's {@link #dataSchema()}. */
    public static final String SCHEMA_PREFIX = "urn:tunerd:schema:";
    /** Version of the payload schemas written by this code. */
    public static final int SCHEMA_VERSION = 1;

    private final String shortName;
    private final Class<? extends EventPayload> payload;

    EventType(Class<? extends EventPayload> payload) {
        this.shortName = name().toLowerCase(Locale.ROOT).replace('_', '.');
        this.payload = payload;
    }

    EventType(String shortName, Class<? extends EventPayload> payload) {
        this.shortName = shortName;
        this.payload = payload;
    }

    /** The record whose JSON is this type's data. */
    public Class<? extends EventPayload> payload() {
        return payload;
    }

    /**
     * The CloudEvents {@code dataschema} of this type, {@code urn:tunerd:schema:<short name>:<version>}; the
     * schema is the Javadoc of its {@link #payload() record} in {@link EventPayload}.
     */
    public URI dataSchema() {
        return URI.create(SCHEMA_PREFIX + shortName() + ":" + SCHEMA_VERSION);
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
