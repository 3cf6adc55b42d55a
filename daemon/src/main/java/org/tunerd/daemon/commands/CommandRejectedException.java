package org.tunerd.daemon.commands;

/** A command that cannot be accepted; the message is the reason sent back in {@code command.rejected}. */
public class CommandRejectedException extends Exception {

    public CommandRejectedException(String reason) {
        super(reason);
    }

    public CommandRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
