package org.tunerd.daemon.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.space.Environment;

/**
 * The environment the device runs in has really changed (duplicates never produce one).
 *
 * @param previous the environment before, empty at the first start without a remembered environment
 * @param current  the new environment
 * @param source   who reported it: {@code startup}, {@code file}, {@code http}, {@code kafka}, {@code simulate}
 * @param at       when the change was detected
 */
public record EnvironmentChanged(Optional<Environment> previous, Environment current, String source, Instant at) {

    public EnvironmentChanged {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
    }

    /** What differs, e.g. {@code [hardware TX2 -> Xavier, input 600x600 -> 800x800]}; {@code [first environment]}. */
    public List<String> differences() {
        if (previous.isEmpty()) {
            return List.of("first environment");
        }
        Environment p = previous.get();
        List<String> d = new ArrayList<>();
        if (!p.hardware().equals(current.hardware())) {
            d.add("hardware " + p.hardware() + " -> " + current.hardware());
        }
        if (!p.dnn().equals(current.dnn())) {
            d.add("dnn " + p.dnn() + " -> " + current.dnn());
        }
        if (p.width() != current.width() || p.height() != current.height()) {
            d.add("input " + p.size() + " -> " + current.size());
        }
        if (!p.attributes().equals(current.attributes())) {
            d.add("attributes " + p.attributes() + " -> " + current.attributes());
        }
        return d;
    }

    /** True if the hardware differs from the previous environment (a new board). */
    public boolean isHardwareChange() {
        return previous.map(p -> !p.hardware().equals(current.hardware())).orElse(false);
    }
}
