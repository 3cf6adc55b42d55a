package org.tunerd.models.learn;

import java.util.Objects;

/**
 * A fitted model and its cross-validated accuracy on the samples it was fitted on.
 *
 * @param model  the model fitted on all the samples
 * @param cvMape its cross-validated MAPE in % on them (how it was cross-validated is the fitter's to say); NaN
 *               when not estimated (too few samples)
 */
public record ValidatedModel(Model model, double cvMape) {
    public ValidatedModel {
        Objects.requireNonNull(model, "model");
    }
}
