package org.tunerd.models.adaptation;

import java.util.List;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Model;
import org.tunerd.models.learn.ValidatedModel;

/** How an adaptation fits the target model of one metric on its measurements (also on cross-validation folds). */
@FunctionalInterface
interface TargetModel {

    /** @throws IllegalArgumentException if {@code samples} are too few for the model */
    Model fit(Metric metric, List<Measurement> samples);

    /**
     * The model of {@code metric} on {@code samples} and its cross-validated MAPE in % on them (NaN with too few
     * samples). By default {@link CrossValidation}'s k folds, each a fit of its own; a model that estimates its
     * accuracy from its own fit overrides this.
     *
     * @throws IllegalArgumentException if {@code samples} are too few for the model
     */
    default ValidatedModel fitValidated(Metric metric, List<Measurement> samples) {
        return new ValidatedModel(fit(metric, samples), CrossValidation.mape(this, metric, samples));
    }

    /**
     * {@link #fitValidated(Metric, List)} of each of {@code metrics} on the same samples, in that order. By
     * default one fit after the other; a model whose fits of several metrics share work overrides this, with
     * the same results.
     *
     * @throws IllegalArgumentException if {@code samples} are too few for the model
     */
    default List<ValidatedModel> fitValidated(List<Metric> metrics, List<Measurement> samples) {
        List<ValidatedModel> out = new java.util.ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            out.add(fitValidated(metric, samples));
        }
        return List.copyOf(out);
    }
}
