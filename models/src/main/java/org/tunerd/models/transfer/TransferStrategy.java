package org.tunerd.models.transfer;

import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * How to build a target model from a measured source and a few target measurements, in two steps.
 *
 * <p>{@link #plan} picks the target configurations to measure. One measurement yields latency and
 * energy at once, so a plan serves both metrics. {@link #fit} then builds the target model of one metric
 * from those measurements, from one source or (strategies that {@link #combinesSources()}) from several.
 * Implementations are stateless and thread-safe.
 */
public interface TransferStrategy {

    /** Short upper-case name, e.g. {@code LMS}. */
    String name();

    /**
     * The configurations to measure in the target: at most {@code budget} distinct elements of
     * {@code candidates} (the target's space, or the rows a target data set holds). All randomness comes
     * from {@code random}.
     */
    List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random);

    /**
     * The target model of {@code metric} from the measurements of the planned configurations;
     * {@code learner} is the learner of the source model or of the target model, as the strategy says.
     */
    Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples);

    /**
     * The target model of {@code metric} transferred from several sources, the primary one first (the one
     * {@link #plan} was given). This default uses the primary source alone; strategies that combine sources
     * override it and say so by {@link #combinesSources()}.
     *
     * @throws IllegalArgumentException if {@code sources} is empty, or a strategy that combines sources is
     *                                  given one it cannot use (see the strategy)
     */
    default Model fit(List<Source> sources, Learner learner, Metric metric, List<Measurement> samples) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(name() + ": needs at least one source");
        }
        return fit(sources.get(0), learner, metric, samples);
    }

    /** True if {@link #fit(List, Learner, Metric, List)} uses every source given, false if only the first. */
    default boolean combinesSources() {
        return false;
    }
}
