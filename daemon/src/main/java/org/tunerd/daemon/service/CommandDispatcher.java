package org.tunerd.daemon.service;

import org.tunerd.daemon.api.ActionResult;
import org.tunerd.daemon.commands.Command;
import org.tunerd.daemon.commands.CommandHandler;
import org.tunerd.daemon.detect.WorkloadAnnouncement;

/**
 * Hands each Kafka command to what carries it out: the operator actions, or the policy for an override.
 * A command that is refused (no environment known to retune, a pin the device does not offer, an invalid
 * override) throws, so the command consumer answers it with {@code command.rejected}.
 */
final class CommandDispatcher implements CommandHandler, Command.Visitor {

    private final OperatorActions actions;
    private final PolicyControl policy;

    CommandDispatcher(OperatorActions actions, PolicyControl policy) {
        this.actions = actions;
        this.policy = policy;
    }

    @Override
    public void handle(Command command) {
        command.accept(this);
    }

    @Override
    public void retune(Command.Retune command) {
        requireAccepted(actions.retune(command.reason().orElse("command")));
    }

    @Override
    public void announceWorkload(Command.AnnounceWorkload command) {
        requireAccepted(actions.announce(new WorkloadAnnouncement(command.dnn(), command.width(), command.height(),
                command.attributes()), "kafka"));
    }

    @Override
    public void overridePolicy(Command.OverridePolicy command) {
        policy.override(command.policy());
    }

    @Override
    public void pin(Command.PinConfiguration command) {
        requireAccepted(actions.pin(command.request()));
    }

    @Override
    public void release(Command.ReleasePin command) {
        requireAccepted(actions.release());
    }

    private static void requireAccepted(ActionResult result) {
        if (result.outcome() != ActionResult.Outcome.ACCEPTED) {
            throw new IllegalArgumentException(result.message());
        }
    }
}
