package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The daemon's whole configuration, as read from {@code tunerd.yaml}. Immutable; a reload produces a new
 * instance. Read it with {@link ConfigLoader}.
 *
 * @param deviceId identity of this device in events and Kafka keys ({@code auto} in the file = host name)
 * @param device   board backend
 * @param workload the workload at start-up and how to measure it
 * @param policy   objective, strategy, learner, budget, constraints
 * @param retune   when to retune besides commands
 * @param kafka    Kafka connection, topics, fleet sharing
 * @param http     HTTP API
 * @param store    state paths and the source-selection measure
 */
public record TunerConfig(String deviceId, DeviceSettings device, WorkloadSettings workload, PolicySettings policy,
                          RetuneSettings retune, KafkaSettings kafka, HttpSettings http, StoreSettings store) {

    public TunerConfig {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(retune, "retune");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(store, "store");
    }

    /** This configuration with another policy. */
    public TunerConfig withPolicy(PolicySettings newPolicy) {
        return new TunerConfig(deviceId, device, workload, newPolicy, retune, kafka, http, store);
    }

    /** This configuration with other state paths (for a {@code --state-dir} style override). */
    public TunerConfig withStore(StoreSettings newStore) {
        return new TunerConfig(deviceId, device, workload, policy, retune, kafka, http, newStore);
    }

    /**
     * This configuration with a run-time policy override applied, e.g. from a Kafka command. The override
     * is a JSON object shaped like the file's {@code policy} section, possibly partial
     * ({@code {"objective": "min-latency", "budget": 15}}); it is merged over the current policy (objects
     * merge key by key, other values replace) and validated like the file.
     *
     * @throws ConfigException naming each bad field under {@code policy.}
     */
    public TunerConfig withPolicyOverride(JsonNode override) {
        return withPolicy(ConfigParser.overridePolicy(policy, override));
    }
}
