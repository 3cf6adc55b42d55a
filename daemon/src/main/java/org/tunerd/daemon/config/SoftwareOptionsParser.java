package org.tunerd.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tunerd.daemon.device.software.ArgumentDelivery;
import org.tunerd.daemon.device.software.Delivery;
import org.tunerd.daemon.device.software.EnvironmentDelivery;
import org.tunerd.daemon.device.software.SoftwareOption;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.models.space.BoardOptions;

/**
 * Reads {@code workload.options}: a mapping of software option names to {@code {values: [...], argument:
 * "--batch={value}"}} or {@code {values: [...], env: NAME}} (exactly one of the two). Values are all whole
 * numbers or all strings, distinct, at least one. A name is letters, digits and {@code _ . -}, starting with
 * a letter, and is not a hardware option's ({@link BoardOptions#HARDWARE}). Each problem names its field.
 */
final class SoftwareOptionsParser {

    private static final String NAME = "[A-Za-z][A-Za-z0-9_.-]{0,63}";

    private SoftwareOptionsParser() {
    }

    static SoftwareOptions parse(ConfigNode options) {
        List<SoftwareOption> out = new ArrayList<>();
        for (String name : options.keys()) {
            if (!name.matches(NAME)) {
                options.problem(name, "a software option name is 1-64 letters, digits, _ . -, starting with a letter, "
                        + "got '" + name + "'");
                continue;
            }
            if (BoardOptions.isHardware(name)) {
                options.problem(name, "'" + name + "' is a hardware option the board sets; a software option needs "
                        + "another name (hardware options: " + BoardOptions.HARDWARE + ")");
                continue;
            }
            Optional<JsonNode> raw = options.raw(name);
            if (raw.isEmpty() || !raw.get().isObject()) {
                options.problem(name, "must be a mapping {values: [...], argument: '--x={value}' | env: NAME}, got "
                        + ConfigNode.show(raw.orElse(null)));
                continue;
            }
            ConfigNode n = options.object(name);
            Optional<Delivery> delivery = delivery(n);
            Optional<SoftwareOption> option = values(n, name, delivery);
            n.finish();
            option.ifPresent(out::add);
        }
        return new SoftwareOptions(out);
    }

    private static Optional<Delivery> delivery(ConfigNode n) {
        Optional<String> argument = n.optionalString("argument");
        Optional<String> env = n.optionalString("env");
        if (argument.isPresent() == env.isPresent()) {
            n.problem(argument.isPresent() ? "env" : "argument", argument.isPresent()
                    ? "give either argument or env, not both"
                    : "is required (or env): how the value reaches the command, e.g. argument: '--batch={value}' "
                    + "or env: BATCH_SIZE");
            return Optional.empty();
        }
        if (argument.isPresent()) {
            if (!argument.get().contains(ArgumentDelivery.PLACEHOLDER)) {
                n.problem("argument", "must contain " + ArgumentDelivery.PLACEHOLDER + " where the value goes, got '"
                        + argument.get() + "'");
                return Optional.empty();
            }
            return Optional.of(new ArgumentDelivery(argument.get()));
        }
        if (!env.get().matches(EnvironmentDelivery.NAME_PATTERN)) {
            n.problem("env", "must be an environment variable name (a letter or _, then letters, digits, _), got '"
                    + env.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new EnvironmentDelivery(env.get()));
    }

    private static Optional<SoftwareOption> values(ConfigNode n, String name, Optional<Delivery> delivery) {
        Optional<JsonNode> raw = n.raw("values");
        if (raw.isEmpty() || !raw.get().isArray() || raw.get().isEmpty()) {
            n.problem("values", "must be a non-empty list of whole numbers or of strings, got "
                    + ConfigNode.show(raw.orElse(null)));
            return Optional.empty();
        }
        JsonNode list = raw.get();
        boolean numbers = list.get(0).isIntegralNumber();
        List<Long> longs = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            boolean fits = numbers ? v.isIntegralNumber() && v.canConvertToLong() : v.isTextual() && !v.asText().isBlank();
            if (!fits) {
                n.problem("values[" + i + "]", (numbers ? "must be a whole number like the first value"
                        : "must be a non-blank string like the first value") + ", got " + ConfigNode.show(v));
                return Optional.empty();
            }
            if (!seen.add(v.asText())) {
                n.problem("values[" + i + "]", "is listed twice: " + ConfigNode.show(v));
                return Optional.empty();
            }
            if (numbers) {
                longs.add(v.asLong());
            } else {
                strings.add(v.asText());
            }
        }
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(numbers ? SoftwareOption.ofNumbers(name, longs, delivery.get())
                : SoftwareOption.ofStrings(name, strings, delivery.get()));
    }
}
