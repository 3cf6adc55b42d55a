package org.tunerd.daemon.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.commands.CommandNotAppliedException;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;

/**
 * Keeps the configuration in force and changes it: a reloaded file (change, SIGHUP) or a run-time policy
 * override. A new policy must pass the same checks on every path: the file's own validation, then the
 * device's ({@link #deviceProblems}: constraints name options the board has, pinned values it offers, at
 * least one configuration left), exactly what start-up checks. A change that passes takes effect, is
 * published ({@code policy.reloaded}) and retunes if the policy or workload changed; one that fails is
 * published ({@code policy.rejected}) and the configuration in force stays.
 */
final class PolicyControl {

    private final AtomicReference<TunerConfig> config;
    private final DeviceDescription device;
    private final EventPublisher events;
    private final TunerMetrics metrics;
    private final Consumer<String> retune;

    /** @param retune asks for a session for the current environment, with the reason */
    PolicyControl(TunerConfig initial, DeviceDescription device, EventPublisher events, TunerMetrics metrics,
                  Consumer<String> retune) {
        this.config = new AtomicReference<>(initial);
        this.device = device;
        this.events = events;
        this.metrics = metrics;
        this.retune = retune;
    }

    /** The configuration in force. */
    TunerConfig config() {
        return config.get();
    }

    /**
     * What {@code candidate} asks of the device that it cannot do, each naming its field; empty if none. Declared
     * software options are part of the device's space, opened at start-up: a reload that changes them is refused
     * until a restart, rather than half applied.
     */
    List<ConfigProblem> deviceProblems(TunerConfig candidate) {
        List<ConfigProblem> problems = new java.util.ArrayList<>(deviceProblems(candidate, device));
        if (!candidate.workload().options().equals(config.get().workload().options())) {
            problems.add(new ConfigProblem("workload.options", "a change takes effect at the next start of tunerd "
                    + "(the device's space is fixed while it runs): in force " + config.get().workload().options()
                    .names() + ", in the file " + candidate.workload().options().names()));
        }
        return problems;
    }

    /** The device check, the same at start-up, on reload and on override. */
    static List<ConfigProblem> deviceProblems(TunerConfig candidate, DeviceDescription device) {
        return candidate.policy().constraints().check(device.space());
    }

    /** A configuration file (already checked with {@link #deviceProblems}) took effect. */
    void reloaded(TunerConfig previous, TunerConfig current, String cause) {
        config.set(current);
        events.publish(new EventPayload.PolicyReloaded(cause, Policies.payload(current.policy())));
        if (!previous.policy().equals(current.policy()) || !previous.workload().equals(current.workload())) {
            retune.accept("policy changed (" + cause + ")");
        }
    }

    /** A configuration file or override was invalid: the last good one stays in force. */
    void rejected(String file, List<String> problems, String cause) {
        metrics.configRejected();
        events.publish(EventPayload.PolicyRejected.of(file, cause, problems));
    }

    /**
     * Applies a run-time policy override (a Kafka {@code policy.override}), validated like the file and
     * checked against the device.
     *
     * @throws CommandNotAppliedException listing every problem; the policy in force stays
     */
    void override(ObjectNode override) {
        TunerConfig previous = config.get();
        List<ConfigProblem> problems;
        TunerConfig next = null;
        try {
            next = previous.withPolicyOverride(override);
            problems = deviceProblems(next);
        } catch (ConfigException e) {
            problems = e.problems();
        }
        if (!problems.isEmpty()) {
            List<String> texts = problems.stream().map(ConfigProblem::toString).toList();
            rejected("command", texts, "override");
            throw new CommandNotAppliedException("policy override rejected: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + ", first: " + texts.get(0), texts);
        }
        reloaded(previous, next, "override");
    }
}
