package org.tunerd.daemon.commands;

import java.util.List;

/**
 * A well-formed command the daemon refused, with each problem found (e.g. every invalid field of a policy
 * override). The {@code command.rejected} event lists the problems.
 */
public class CommandNotAppliedException extends IllegalArgumentException {

    private final List<String> problems;

    public CommandNotAppliedException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The problems, each naming its field; may be empty. */
    public List<String> problems() {
        return problems;
    }
}
