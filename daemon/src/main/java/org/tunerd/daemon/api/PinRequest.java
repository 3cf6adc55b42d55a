package org.tunerd.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tunerd.daemon.store.ModelJson;
import org.tunerd.daemon.store.StoreFormatException;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * A configuration an operator asked to pin ({@code PUT /pin}, the {@code configuration.pin} command), as it was
 * asked for: each option by its number, and a categorical software option by its label
 * ({@code "precision": "fp16"}) or by its code ({@code 1}). The parsers cannot know which options are categorical;
 * {@link #in(ConfigurationSpace)} resolves the request against the device's space when it is at hand.
 *
 * @param values a non-empty JSON object of option name to a finite number or a text (copied)
 */
public record PinRequest(ObjectNode values) {

    public PinRequest {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a pin needs at least one option");
        }
        values.properties().forEach(e -> {
            if (!valid(e.getValue())) {
                throw new IllegalArgumentException("option '" + e.getKey() + "' must be a number or a label, got "
                        + e.getValue());
            }
        });
        values = values.deepCopy();
    }

    /** The request for {@code configuration} as it stands, by codes. */
    public static PinRequest of(Configuration configuration) {
        return new PinRequest(ModelJson.configuration(configuration));
    }

    /** Whether {@code value} may stand for an option's value in a request: a finite number or a text. */
    public static boolean valid(JsonNode value) {
        return value != null && (value.isTextual() || value.isNumber() && Double.isFinite(value.doubleValue()));
    }

    /**
     * The configuration asked for, in {@code space}'s codes and option order
     * ({@link ModelJson#configurationByLabelOrCode}).
     *
     * @throws IllegalArgumentException naming the option and value when {@code space} does not offer it: an
     *                                  unknown option, a label it does not offer (with the labels it does), a
     *                                  text for a numeric option, a value outside the space
     */
    public Configuration in(ConfigurationSpace space) {
        try {
            return ModelJson.configurationByLabelOrCode(values, "configuration", space);
        } catch (StoreFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public ObjectNode values() {
        return values.deepCopy();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
