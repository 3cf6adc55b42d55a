package org.tunerd.daemon.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/** A parsed, well-formed command. Switch over the records to handle it. */
public sealed interface Command {

    CommandMeta meta();

    CommandType type();

    /** Tune again now. */
    record Retune(CommandMeta meta, Optional<String> reason) implements Command {
        public Retune {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public CommandType type() {
            return CommandType.RETUNE;
        }
    }

    /** The workload changed: DNN, input size and further attributes. */
    record AnnounceWorkload(CommandMeta meta, String dnn, int width, int height, Map<String, String> attributes)
            implements Command {
        public AnnounceWorkload {
            Objects.requireNonNull(meta, "meta");
            if (dnn == null || dnn.isBlank()) {
                throw new IllegalArgumentException("dnn must not be blank");
            }
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
            }
            attributes = Map.copyOf(attributes);
        }

        /** The environment this workload forms on {@code hardware}. */
        public Environment environment(String hardware) {
            return new Environment(hardware, dnn, width, height, attributes);
        }

        @Override
        public CommandType type() {
            return CommandType.WORKLOAD_ANNOUNCE;
        }
    }

    /** Policy settings to override; validated by the configuration layer, which may reject them. */
    record OverridePolicy(CommandMeta meta, ObjectNode policy) implements Command {
        public OverridePolicy {
            Objects.requireNonNull(meta, "meta");
            policy = Objects.requireNonNull(policy, "policy").deepCopy();
        }

        /** A copy of the override. */
        @Override
        public ObjectNode policy() {
            return policy.deepCopy();
        }

        @Override
        public CommandType type() {
            return CommandType.POLICY_OVERRIDE;
        }
    }

    /** Hold the device at this configuration until released. */
    record PinConfiguration(CommandMeta meta, Configuration configuration) implements Command {
        public PinConfiguration {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(configuration, "configuration");
        }

        @Override
        public CommandType type() {
            return CommandType.CONFIGURATION_PIN;
        }
    }

    /** Release the pinned configuration; tuning resumes. */
    record ReleasePin(CommandMeta meta, Optional<String> reason) implements Command {
        public ReleasePin {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public CommandType type() {
            return CommandType.CONFIGURATION_RELEASE;
        }
    }
}
