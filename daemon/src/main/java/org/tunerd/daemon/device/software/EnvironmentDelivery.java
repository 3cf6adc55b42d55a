package org.tunerd.daemon.device.software;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tunerd.daemon.device.InferenceCommand;

/**
 * Delivers a value as an environment variable of the command, replacing a value the command's {@code env}
 * gives the same variable.
 *
 * @param variable the variable's name: a letter or underscore, then letters, digits and underscores
 */
public record EnvironmentDelivery(String variable) implements Delivery {

    /** What a portable environment variable name looks like (POSIX). */
    public static final String NAME_PATTERN = "[A-Za-z_][A-Za-z0-9_]*";

    public EnvironmentDelivery {
        Objects.requireNonNull(variable, "variable");
        if (!variable.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("not an environment variable name: '" + variable + "'");
        }
    }

    @Override
    public InferenceCommand deliver(InferenceCommand command, String value) {
        Map<String, String> env = new HashMap<>(command.environment());
        env.put(variable, value);
        return new InferenceCommand(command.argv(), env, command.workingDirectory(), command.timeout(),
                command.latencyPattern());
    }

    @Override
    public String configKey() {
        return "env";
    }

    @Override
    public String configValue() {
        return variable;
    }

    @Override
    public String describe() {
        return "env " + variable;
    }
}
