package org.tunerd.daemon.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.api.TunerMetrics;
import org.tunerd.daemon.commands.CommandNotAppliedException;
import org.tunerd.daemon.config.ConfigException;
import org.tunerd.daemon.config.ConfigProblem;
import org.tunerd.daemon.config.ConfigWarnings;
import org.tunerd.daemon.config.StartOnlyFields;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.daemon.events.EventPayload;
import org.tunerd.daemon.events.EventPublisher;

/**
 * Keeps the configuration in force and changes it: a reloaded file (change, SIGHUP) or a run-time policy
 * override. A new policy must pass the same checks on every path: the file's own validation, then the
 * device's ({@link #deviceProblems}: constraints name options the board has, pinned values it offers, at
 * least one configuration left), exactly what start-up checks. A change that passes takes effect, is
 * published ({@code policy.reloaded}), warned about when doubtful ({@link ConfigWarnings}, as at start-up) and
 * retunes if the policy or workload changed (a file naming another workload reports it, source {@code reload},
 * as the environment in force); one that fails is published ({@code policy.rejected}) and the
 * configuration in force stays. Fields a running daemon cannot change ({@link StartOnlyFields}) are never
 * claimed applied: they are named in {@code policy.restart-needed} and keep their values in force.
 */
final class PolicyControl {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyControl.class);

    private final AtomicReference<TunerConfig> config;
    private final DeviceDescription device;
    private final EventPublisher events;
    private final TunerMetrics metrics;
    private final Consumer<String> retune;
    private final java.util.function.Predicate<WorkloadSettings> announce;

    /**
     * @param retune   asks for a session for the current environment, with the reason
     * @param announce reports the workload a reloaded file names; true if the environment changed
     */
    PolicyControl(TunerConfig initial, DeviceDescription device, EventPublisher events, TunerMetrics metrics,
                  Consumer<String> retune, java.util.function.Predicate<WorkloadSettings> announce) {
        this.announce = announce;
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

    /**
     * A configuration file (already checked with {@link #deviceProblems}) was reloaded: what a reload can apply
     * takes effect ({@link StartOnlyFields#applicable}); the start-only fields it changes keep their values in
     * force and are named, in the log and as {@code policy.restart-needed}, on every reload until the restart.
     * {@code policy.reloaded} is published unless the reload changed start-only fields alone.
     */
    void reloaded(TunerConfig fromFile, String cause, String file) {
        TunerConfig before = config.get();
        List<String> restartNeeded = StartOnlyFields.changed(before, fromFile);
        TunerConfig applied = StartOnlyFields.applicable(before, fromFile);
        if (restartNeeded.isEmpty() || !applied.equals(before)) {
            apply(before, applied, cause);
        }
        if (!restartNeeded.isEmpty()) { // after policy.reloaded: the last word of a reload is what it did not apply
            LOG.warn("configuration {} ({}): {} take effect only when tunerd restarts; until then the values in "
                    + "force stay", file, cause, String.join(", ", restartNeeded));
            events.publish(new EventPayload.PolicyRestartNeeded(file, cause, restartNeeded));
        }
    }

    /** {@code next} is now in force: published, warned about if doubtful, retuned for if the policy or workload changed. */
    private void apply(TunerConfig previous, TunerConfig next, String cause) {
        config.set(next);
        List<String> warnedBefore = ConfigWarnings.of(previous, device.space()); // as at start-up, for what is new
        ConfigWarnings.of(next, device.space()).stream().filter(w -> !warnedBefore.contains(w))
                .forEach(w -> LOG.warn("configuration ({}): {}", cause, w));
        events.publish(new EventPayload.PolicyReloaded(cause, Policies.payload(next.policy())));
        WorkloadSettings was = previous.workload();
        WorkloadSettings now = next.workload();
        boolean otherWorkload = !was.dnn().equals(now.dnn()) || was.width() != now.width()
                || was.height() != now.height() || !was.attributes().equals(now.attributes());
        if (otherWorkload && announce.test(now)) {
            return; // the file names another workload: its environment change asks for the session
        }
        if (!previous.policy().equals(next.policy()) || !was.equals(now)) {
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
        apply(previous, next, "override");
    }
}
