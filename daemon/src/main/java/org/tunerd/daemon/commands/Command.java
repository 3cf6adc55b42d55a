package org.tunerd.daemon.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.daemon.api.PinRequest;
import org.tunerd.models.space.Environment;

/**
 * A parsed, well-formed command: one record per {@link CommandType}. Handle it with a {@link Visitor}:
 * {@link #accept} calls the visitor's method for the record's type.
 */
public sealed interface Command {

    CommandMeta meta();

    CommandType type();

    /** Calls the method of {@code visitor} that handles this command. */
    void accept(Visitor visitor);

    /**
     * One method per command. Throwing {@link IllegalArgumentException} or {@link IllegalStateException}
     * rejects the command (see {@link CommandHandler}).
     */
    interface Visitor {
        void retune(Retune command);

        void announceWorkload(AnnounceWorkload command);

        void overridePolicy(OverridePolicy command);

        void pin(PinConfiguration command);

        void release(ReleasePin command);
    }

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

        @Override
        public void accept(Visitor visitor) {
            visitor.retune(this);
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

        @Override
        public void accept(Visitor visitor) {
            visitor.announceWorkload(this);
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

        @Override
        public void accept(Visitor visitor) {
            visitor.overridePolicy(this);
        }
    }

    /**
     * Hold the device at this configuration until released; a categorical option by its label or its code, as the
     * command gave it, resolved against the device's space when applied ({@link PinRequest#in}).
     */
    record PinConfiguration(CommandMeta meta, PinRequest request) implements Command {
        public PinConfiguration {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public CommandType type() {
            return CommandType.CONFIGURATION_PIN;
        }

        @Override
        public void accept(Visitor visitor) {
            visitor.pin(this);
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

        @Override
        public void accept(Visitor visitor) {
            visitor.release(this);
        }
    }
}
