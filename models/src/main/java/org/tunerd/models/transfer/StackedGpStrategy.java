package org.tunerd.models.transfer;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.StackedGpTransfer;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * {@code STACKED-GP} as a planned transfer strategy, for the study's comparison with the others:
 * {@link StackedGpTransfer}'s integrated-variance plan and model over each source's smoothed values
 * ({@link Source#values()}). It brings its own regression, so the {@code learner} argument is not used.
 * Given several sources it averages one model per source.
 */
public final class StackedGpStrategy implements TransferStrategy {

    private final StackedGpTransfer transfer;

    public StackedGpStrategy() {
        this(StackedGp.recommended());
    }

    public StackedGpStrategy(StackedGp model) {
        this.transfer = new StackedGpTransfer(Objects.requireNonNull(model, "model"));
    }

    @Override
    public String name() {
        return StackedGpTransfer.NAME;
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        return transfer.plan(source.values(), candidates, budget, random);
    }

    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        return transfer.fit(List.of(source.values()), metric, samples);
    }

    /**
     * Several sources: one stacked GP per source and one on all of them, averaged by their leave-one-out
     * errors ({@link StackedGpTransfer#fit}); with one source the result is the single-source fit.
     *
     * @throws IllegalArgumentException naming the source whose options differ from the target's
     */
    @Override
    public Model fit(List<Source> sources, Learner learner, Metric metric, List<Measurement> samples) {
        return transfer.fit(sources.stream().map(Source::values).toList(), metric, samples);
    }

    @Override
    public boolean combinesSources() {
        return true;
    }
}
