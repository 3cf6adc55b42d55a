package org.tunerd.daemon.device.software;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tunerd.daemon.device.InferenceCommand;

/**
 * Delivers a value as one argument appended to the command's argv: the template with every
 * {@value #PLACEHOLDER} replaced by the value ({@code --batch={value}} gives {@code --batch=8}). The argument
 * is one argv element (no shell, no splitting), appended after the configured argv in the order the options
 * are declared.
 *
 * @param template the argument, containing {@value #PLACEHOLDER} at least once
 */
public record ArgumentDelivery(String template) implements Delivery {

    /** What the template's value slot looks like. */
    public static final String PLACEHOLDER = "{value}";

    public ArgumentDelivery {
        Objects.requireNonNull(template, "template");
        if (!template.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("an argument template needs " + PLACEHOLDER + ", got '" + template + "'");
        }
    }

    @Override
    public InferenceCommand deliver(InferenceCommand command, String value) {
        List<String> argv = new ArrayList<>(command.argv());
        argv.add(template.replace(PLACEHOLDER, value));
        return new InferenceCommand(argv, command.environment(), command.workingDirectory(), command.timeout(),
                command.latencyPattern());
    }

    @Override
    public String configKey() {
        return "argument";
    }

    @Override
    public String configValue() {
        return template;
    }

    @Override
    public String describe() {
        return "argument " + template;
    }
}
