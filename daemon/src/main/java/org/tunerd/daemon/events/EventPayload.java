package org.tunerd.daemon.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.SoftwareValues;
import org.tunerd.models.space.Environment;

/**
 * The data of every event tunerd publishes: one record per {@link EventType}, and each record's Javadoc
 * is its wire schema (the CloudEvents {@code dataschema} of the type, {@link EventType#dataSchema()}).
 * The JSON of a record is its components by name, written by {@link Json#MAPPER}:
 * {@code environment} is the {@link org.tunerd.daemon.store.ModelJson} environment form (with its
 * {@code id}), {@code configuration} an object of option values (whole numbers as integers), a
 * performance {@code {"latency": seconds, "energy": number | null}}, an absent optional or a number that is
 * not finite {@code null}. Texts and problem lists that carry outside input are {@link Bounded bounded}.
 *
 * <p>All records sit in this one file on purpose: it is the schema of the event stream, read as a whole by
 * whoever consumes it.
 */
public sealed interface EventPayload {

    /** The event type this payload is the data of. */
    EventType type();

    /** The CloudEvents {@code subject}: the id of the environment the event is about, if there is one. */
    default Optional<String> subject() {
        return Optional.empty();
    }

    /**
     * {@code environment.changed}: the environment changed (workload, input size or hardware); duplicates
     * are never reported. Subject: the current environment.
     * <pre>{"previous": environment | null, "current": environment, "source": "startup" | "file" | "http" |
     *  "kafka" | "simulate", "differences": ["dnn xception -> resnet50", ...], "hardwareChange": false}</pre>
     */
    record EnvironmentChanged(Optional<Environment> previous, Environment current, String source,
                              List<String> differences, boolean hardwareChange) implements EventPayload {
        public EnvironmentChanged {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(source, "source");
            differences = List.copyOf(differences);
        }

        @Override
        public EventType type() {
            return EventType.ENVIRONMENT_CHANGED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(current.id());
        }
    }

    /**
     * {@code tuning.started}: a session starts measuring. Subject: the environment tuned for.
     * <pre>{"environment": environment, "source": environment | null, "extraSourceIds": ["id", ...],
     *  "coldStart": false, "strategy": "STACKED-GP", "budget": 19, "sequential": true, "resumed": false}</pre>
     * {@code source} is the primary stored environment transferred from (null: a cold start, from the
     * session's own measurements alone), {@code extraSourceIds} further ones its models combine, nearest
     * first; {@code sequential}: configurations are chosen one at a time rather than planned up front;
     * {@code resumed}: measurements taken earlier (a restart, a revisited environment) are reused.
     */
    record TuningStarted(Environment environment, Optional<Environment> source, List<String> extraSourceIds,
                         boolean coldStart, String strategy, int budget, boolean sequential, boolean resumed)
            implements EventPayload {
        public TuningStarted {
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(source, "source");
            extraSourceIds = List.copyOf(extraSourceIds);
            Objects.requireNonNull(strategy, "strategy");
        }

        @Override
        public EventType type() {
            return EventType.TUNING_STARTED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environment.id());
        }
    }

    /**
     * {@code sample.measured}: one configuration was measured on the device. Subject: the environment.
     * <pre>{"environmentId": "tx2_resnet50_224x224", "index": 3, "planned": 19,
     *  "configuration": {"cores": 2, "cpu_freq": 2035200, ...}, "latency": 0.041, "energy": 0.38 | null,
     *  "softwareOptions": {"batch_size": 8, "precision": "fp16"}}</pre>
     * {@code index} counts from 1 (measurements reused from earlier included); {@code planned} is the
     * session's plan size, or its budget when configurations are chosen one at a time.
     * {@code softwareOptions}: the configuration's software options in their types (a string option's value
     * as the string; its {@code configuration} value is the string's code); {@code {}} without any (and in
     * events written before software options existed).
     */
    record SampleMeasured(String environmentId, int index, int planned, Configuration configuration, double latency,
                          double energy, Map<String, Object> softwareOptions) implements EventPayload {
        public SampleMeasured {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(configuration, "configuration");
            softwareOptions = SoftwareValues.normalized(softwareOptions);
        }

        /** Without software options. */
        public SampleMeasured(String environmentId, int index, int planned, Configuration configuration,
                              double latency, double energy) {
            this(environmentId, index, planned, configuration, latency, energy, Map.of());
        }

        @Override
        public EventType type() {
            return EventType.SAMPLE_MEASURED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code model.fitted}: the latency and energy models were fitted on the samples. Subject: the environment.
     * <pre>{"environmentId": "...", "samples": 19, "latencyCvMape": 4.2 | null, "energyCvMape": 3.1 | null}</pre>
     * The MAPEs are cross-validated on the samples, in % (null: too few samples, or no energy model).
     */
    record ModelFitted(String environmentId, int samples, double latencyCvMape, double energyCvMape)
            implements EventPayload {
        public ModelFitted {
            Objects.requireNonNull(environmentId, "environmentId");
        }

        @Override
        public EventType type() {
            return EventType.MODEL_FITTED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code device.reconfigured}: the device was put into a configuration a session chose, or an operator
     * pinned. Subject: the environment, for a session's choice.
     * <pre>{"environmentId": "..." | null, "configuration": {...}, "predicted": performance | null,
     *  "pinned": false, "softwareOptions": {"batch_size": 8}}</pre>
     * {@code softwareOptions} as in {@link SampleMeasured}.
     */
    record DeviceReconfigured(Optional<String> environmentId, Configuration configuration,
                              Optional<Performance> predicted, boolean pinned, Map<String, Object> softwareOptions)
            implements EventPayload {
        public DeviceReconfigured {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(predicted, "predicted");
            softwareOptions = SoftwareValues.normalized(softwareOptions);
        }

        /** Without software options. */
        public DeviceReconfigured(Optional<String> environmentId, Configuration configuration,
                                  Optional<Performance> predicted, boolean pinned) {
            this(environmentId, configuration, predicted, pinned, Map.of());
        }

        @Override
        public EventType type() {
            return EventType.DEVICE_RECONFIGURED;
        }

        @Override
        public Optional<String> subject() {
            return environmentId;
        }
    }

    /**
     * {@code tuning.verified}: the session finished; the configuration the device was left in was measured.
     * Subject: the environment.
     * <pre>{"environmentId": "...", "configuration": {...}, "predicted": performance, "measured": performance,
     *  "measurements": 20, "verifications": 1, "reason": "best measured by the sequential optimiser ...",
     *  "softwareOptions": {"batch_size": 8}}</pre>
     * {@code measurements} counts every run on the device (samples and verifications);
     * {@code softwareOptions} as in {@link SampleMeasured}.
     */
    record TuningVerified(String environmentId, Configuration configuration, Performance predicted,
                          Performance measured, int measurements, int verifications, String reason,
                          Map<String, Object> softwareOptions) implements EventPayload {
        public TuningVerified {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(configuration, "configuration");
            Objects.requireNonNull(predicted, "predicted");
            Objects.requireNonNull(measured, "measured");
            Objects.requireNonNull(reason, "reason");
            softwareOptions = SoftwareValues.normalized(softwareOptions);
        }

        /** Without software options. */
        public TuningVerified(String environmentId, Configuration configuration, Performance predicted,
                              Performance measured, int measurements, int verifications, String reason) {
            this(environmentId, configuration, predicted, measured, measurements, verifications, reason, Map.of());
        }

        @Override
        public EventType type() {
            return EventType.TUNING_VERIFIED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code tuning.failed}: a session failed. Subject: the environment.
     * <pre>{"environmentId": "...", "phase": "choosing_sources" | "measuring" | "fitting" | "applying" |
     *  "verifying", "reason": "...", "rolledBack": true}</pre>
     * {@code rolledBack}: the session had changed the device and put it back into the configuration it had
     * before; false when it failed before touching the device.
     */
    record TuningFailed(String environmentId, String phase, String reason, boolean rolledBack)
            implements EventPayload {
        public TuningFailed {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(phase, "phase");
            reason = Bounded.text(Objects.requireNonNull(reason, "reason"));
        }

        @Override
        public EventType type() {
            return EventType.TUNING_FAILED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code tuning.cancelled}: a running session was cancelled (a newer change, a pin, a command, the
     * daemon stopping); the device was put back. A retune superseded before it started is not reported.
     * Subject: the environment.
     * <pre>{"environmentId": "...", "reason": "superseded: environment changed (...)"}</pre>
     */
    record TuningCancelled(String environmentId, String reason) implements EventPayload {
        public TuningCancelled {
            Objects.requireNonNull(environmentId, "environmentId");
            reason = Bounded.text(Objects.requireNonNull(reason, "reason"));
        }

        @Override
        public EventType type() {
            return EventType.TUNING_CANCELLED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code model.stored}: a tuned environment was stored and may serve as a transfer source. Subject: it.
     * <pre>{"environment": environment, "measurements": 788, "influence": ["energy: gpu_freq", ...]}</pre>
     */
    record ModelStored(Environment environment, int measurements, List<String> influence) implements EventPayload {
        public ModelStored {
            Objects.requireNonNull(environment, "environment");
            influence = List.copyOf(influence);
        }

        @Override
        public EventType type() {
            return EventType.MODEL_STORED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environment.id());
        }
    }

    /**
     * {@code model.imported}: an environment another device shared was imported into the store. Subject: it.
     * <pre>{"environmentId": "...", "originDeviceId": "tx2-02", "measurements": 768}</pre>
     */
    record ModelImported(String environmentId, String originDeviceId, int measurements) implements EventPayload {
        public ModelImported {
            Objects.requireNonNull(environmentId, "environmentId");
            Objects.requireNonNull(originDeviceId, "originDeviceId");
        }

        @Override
        public EventType type() {
            return EventType.MODEL_IMPORTED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code policy.reloaded}: a new policy took effect.
     * <pre>{"cause": "file_changed" | "signal" | "requested" | "override", "policy": {"objective": {"kind":
     *  "min-energy-under-latency-slo", "latencySlo": 0.5 | null, "latencyWeight": null, "energyWeight": null},
     *  "strategy": "stacked-gp", "learner": "rf", "budget": 20, "constraints": ["cores >= 2", ...]}}</pre>
     * {@code budget} is a count (an integer) or a fraction of the space (a decimal in (0,1]);
     * {@code constraints} lists the limits on the space in force.
     */
    record PolicyReloaded(String cause, Policy policy) implements EventPayload {
        public PolicyReloaded {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(policy, "policy");
        }

        @Override
        public EventType type() {
            return EventType.POLICY_RELOADED;
        }
    }

    /** The policy in {@link PolicyReloaded}. */
    record Policy(Objective objective, String strategy, String learner, Number budget, List<String> constraints) {
        public Policy {
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(learner, "learner");
            Objects.requireNonNull(budget, "budget");
            constraints = List.copyOf(constraints);
        }
    }

    /** The objective of a {@link Policy}: its kind as in the configuration file, and its parameters. */
    record Objective(String kind, OptionalDouble latencySlo, OptionalDouble latencyWeight,
                     OptionalDouble energyWeight) {
        public Objective {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(latencySlo, "latencySlo");
            Objects.requireNonNull(latencyWeight, "latencyWeight");
            Objects.requireNonNull(energyWeight, "energyWeight");
        }
    }

    /**
     * {@code policy.rejected}: a configuration file or policy override was invalid; the last good one stays.
     * <pre>{"file": "/etc/tunerd/tunerd.yaml" | "command", "cause": "file_changed" | "signal" | "requested" |
     *  "override", "problems": ["policy.budget: must be ...", ...], "problemsOmitted": 0,
     *  "kept": "last good configuration"}</pre>
     * At most {@value Bounded#MAX_ITEMS} problems are listed, each at most {@value Bounded#MAX_CHARS}
     * characters; {@code problemsOmitted} says how many more there were.
     */
    record PolicyRejected(String file, String cause, List<String> problems, int problemsOmitted, String kept)
            implements EventPayload {
        public PolicyRejected {
            file = Bounded.text(Objects.requireNonNull(file, "file"));
            Objects.requireNonNull(cause, "cause");
            problemsOmitted += Bounded.omitted(problems);
            problems = Bounded.items(problems);
            Objects.requireNonNull(kept, "kept");
        }

        /** All {@code problems} of a rejection, bounded. */
        public static PolicyRejected of(String file, String cause, List<String> problems) {
            return new PolicyRejected(file, cause, problems, 0, "last good configuration");
        }

        @Override
        public EventType type() {
            return EventType.POLICY_REJECTED;
        }
    }

    /**
     * {@code command.rejected}: a command (Kafka) or a workload file could not be parsed or applied.
     * <pre>{"origin": "tunerd.commands[0]@42" | "workload file", "reason": "...",
     *  "problems": ["policy.budget: ...", ...], "problemsOmitted": 0,
     *  "topic": "tunerd.commands" | null, "partition": 0 | null, "offset": 42 | null, "key": "tx2-01" | null,
     *  "commandId": "..." | null, "commandType": "policy.override" | null, "commandSource": "urn:..." | null}</pre>
     * The record's position is given for Kafka commands, the command's id, type and source once it could be
     * parsed. Texts are bounded to {@value Bounded#MAX_CHARS} characters, problems to {@value Bounded#MAX_ITEMS}.
     */
    record CommandRejected(String origin, String reason, List<String> problems, int problemsOmitted,
                           Optional<String> topic, OptionalInt partition, OptionalLong offset, Optional<String> key,
                           Optional<String> commandId, Optional<String> commandType, Optional<String> commandSource)
            implements EventPayload {
        public CommandRejected {
            origin = Bounded.text(Objects.requireNonNull(origin, "origin"));
            reason = Bounded.text(Objects.requireNonNull(reason, "reason"));
            problemsOmitted += Bounded.omitted(problems);
            problems = Bounded.items(problems);
            topic = topic.map(Bounded::text);
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(offset, "offset");
            key = key.map(Bounded::text);
            commandId = commandId.map(Bounded::text);
            Objects.requireNonNull(commandType, "commandType");
            commandSource = commandSource.map(Bounded::text);
        }

        /** A rejection that did not come from Kafka (e.g. the workload file). */
        public static CommandRejected of(String origin, String reason) {
            return new CommandRejected(origin, reason, List.of(), 0, Optional.empty(), OptionalInt.empty(),
                    OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        @Override
        public EventType type() {
            return EventType.COMMAND_REJECTED;
        }
    }

    /**
     * {@code sensor.missing}: the board has no power sensor; the daemon runs latency-only.
     * <pre>{"hardware": "sim-tx2", "consequence": "latency only; energy objectives fall back to latency"}</pre>
     */
    record SensorMissing(String hardware, String consequence) implements EventPayload {
        public SensorMissing {
            Objects.requireNonNull(hardware, "hardware");
            Objects.requireNonNull(consequence, "consequence");
        }

        @Override
        public EventType type() {
            return EventType.SENSOR_MISSING;
        }
    }

    /**
     * {@code environment.shared}: a stored environment shared with the fleet, on the compacted models topic
     * (key = environment id), not the events topic. Subject: the environment.
     * <pre>{"environmentId": "...", "document": {stored-environment document}}</pre>
     * {@code document} is the model store's document ({@link org.tunerd.daemon.store.StoredModelJson});
     * fleet sharing passes it on unread, the importing store checks it.
     */
    record EnvironmentShared(String environmentId, JsonNode document) implements EventPayload {
        public EnvironmentShared {
            if (environmentId == null || environmentId.isBlank()) {
                throw new IllegalArgumentException("environment id must not be blank");
            }
            if (document == null || document.isNull() || document.isMissingNode()) {
                throw new IllegalArgumentException("document of environment " + environmentId + " is missing");
            }
            document = document.deepCopy();
        }

        /** A copy of the document. */
        @Override
        public JsonNode document() {
            return document.deepCopy();
        }

        @Override
        public EventType type() {
            return EventType.ENVIRONMENT_SHARED;
        }

        @Override
        public Optional<String> subject() {
            return Optional.of(environmentId);
        }
    }

    /**
     * {@code event.dead-lettered}: an event could not be journaled or delivered as it was (larger than the
     * event size bound, refused by the broker as too large, or an unreadable journal line); its original line
     * is kept in the journal's dead-letter file and the events behind it are delivered.
     * <pre>{"eventId": "5f0c..." | "unknown", "eventType": "policy.rejected" | "unknown", "bytes": 869123,
     *  "reason": "larger than the event size bound of 262144 bytes", "file": ".../events.dead"}</pre>
     */
    record EventDeadLettered(String eventId, String eventType, long bytes, String reason, String file)
            implements EventPayload {
        public EventDeadLettered {
            eventId = Bounded.text(Objects.requireNonNull(eventId, "eventId"));
            eventType = Bounded.text(Objects.requireNonNull(eventType, "eventType"));
            reason = Bounded.text(Objects.requireNonNull(reason, "reason"));
            Objects.requireNonNull(file, "file");
        }

        @Override
        public EventType type() {
            return EventType.EVENT_DEAD_LETTERED;
        }
    }
}
