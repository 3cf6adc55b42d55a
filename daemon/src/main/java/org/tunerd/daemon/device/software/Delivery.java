package org.tunerd.daemon.device.software;

import org.tunerd.daemon.device.InferenceCommand;

/**
 * How the value of a software option reaches the inference command: as an argument or as an environment
 * variable. Two implementations: {@link ArgumentDelivery} and {@link EnvironmentDelivery}.
 */
public interface Delivery {

    /** {@code command} with {@code value} (the option's rendered value, e.g. {@code 8} or {@code fp16}) delivered. */
    InferenceCommand deliver(InferenceCommand command, String value);

    /** The key of {@code workload.options.<name>} that declares this delivery: {@code argument} or {@code env}. */
    String configKey();

    /** The value of {@link #configKey()}: the template or the variable name. */
    String configValue();

    /** How it is delivered, for logs and errors, e.g. {@code argument --batch={value}} or {@code env BATCH}. */
    String describe();
}
