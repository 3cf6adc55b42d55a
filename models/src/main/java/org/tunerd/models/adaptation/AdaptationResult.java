package org.tunerd.models.adaptation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * The models an adaptation fitted on its measurements, their predictions and what they recommend.
 *
 * @param samples         the target measurements the models were fitted on
 * @param latency         the latency model
 * @param energy          the energy model; empty when the device or a sample lacks energy
 * @param latencyCvMape   cross-validated MAPE of the latency model on the samples, in % (NaN if too few): for
 *                        STACKED-GP leave-one-out with the fit's choices kept, else 5-fold
 * @param energyCvMape    the same for energy (NaN without an energy model or with too few samples)
 * @param latencies       predicted latency of every candidate, in the order of {@code candidates}
 * @param energies        predicted energy of every candidate (NaN everywhere without an energy model)
 * @param recommendation  the configuration to apply
 * @param candidates      the configurations predicted, in the order of {@code latencies}: the task's space, or the
 *                        subset of a large one the adaptation chose among ({@link CandidateSet})
 */
public record AdaptationResult(List<Measurement> samples, Model latency, Optional<Model> energy, double latencyCvMape,
                               double energyCvMape, double[] latencies, double[] energies,
                               Recommendation recommendation, List<Configuration> candidates) {

    public AdaptationResult {
        samples = List.copyOf(samples);
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(recommendation, "recommendation");
        candidates = List.copyOf(candidates);
        latencies = latencies.clone();
        energies = energies.clone();
        if (latencies.length != energies.length || latencies.length != candidates.size()) {
            throw new IllegalArgumentException(latencies.length + " latency and " + energies.length
                    + " energy predictions for " + candidates.size() + " candidates");
        }
    }

    @Override
    public double[] latencies() {
        return latencies.clone();
    }

    @Override
    public double[] energies() {
        return energies.clone();
    }
}
