package org.tunerd.daemon.store;

import java.util.Objects;

/**
 * A stored environment ranked as a transfer source for a target.
 *
 * @param model    the stored environment
 * @param distance its {@link Similarity} distance to the target (0 = the same environment; lower is closer)
 */
public record Candidate(StoredModel model, double distance) {

    public Candidate {
        Objects.requireNonNull(model, "model");
    }
}
