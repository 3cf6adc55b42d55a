package org.tunerd.daemon.tuning;

import java.util.List;
import java.util.Optional;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * What a finished session did and found.
 *
 * @param environment  the environment tuned for
 * @param source       the stored environment transferred from (the primary one); empty for a cold start
 * @param extraSources further stored environments the models were transferred from, nearest first
 * @param strategy     the strategy used (Scratch for a cold start)
 * @param learner      the learner used
 * @param samples      the target measurements the models were fitted on
 * @param quality      cross-validated accuracy on the samples
 * @param prediction   whole-space predictions
 * @param applied      the configuration the device was left in
 * @param predicted    the models' prediction for it
 * @param verified     the verification measurement of it
 * @param verifications verification runs made (more than one when the first applied configuration missed a
 *                     latency SLO and a measured fallback was verified)
 * @param reason       why this configuration (predicted best, or a measured sample that beat it)
 */
public record TuningOutcome(Environment environment, Optional<Environment> source, List<Environment> extraSources,
                            String strategy, String learner,
                            List<Measurement> samples, ModelQuality quality, SpacePrediction prediction,
                            Configuration applied, Performance predicted, Measurement verified, int verifications,
                            String reason) {

    public TuningOutcome {
        if (verifications < 1) {
            throw new IllegalArgumentException("a session verifies at least once, got " + verifications);
        }
        extraSources = List.copyOf(extraSources);
        samples = List.copyOf(samples);
    }

    /** Measurements spent on the device: the samples plus the verification runs. */
    public int measurementsUsed() {
        return samples.size() + verifications;
    }

    public boolean coldStart() {
        return source.isEmpty();
    }
}
