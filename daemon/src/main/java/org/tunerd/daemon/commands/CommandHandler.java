package org.tunerd.daemon.commands;

/**
 * Receives the commands addressed to this device, one at a time on the command consumer's thread (a
 * plain worker thread, never a Vert.x event loop). Keep it short: hand long work to the tuning loop.
 * Throwing {@link IllegalArgumentException} or {@link IllegalStateException} rejects the command: the
 * message becomes the reason of a {@code command.rejected} event, and a {@link CommandNotAppliedException}'s
 * problems its problem list. The daemon's handler dispatches with {@link Command#accept}.
 */
@FunctionalInterface
public interface CommandHandler {

    void handle(Command command);
}
