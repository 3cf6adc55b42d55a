package org.tunerd.models.adaptation;

import java.util.ArrayList;
import java.util.List;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;

/**
 * Measures what the {@link SequentialOptimiser} asks for, one configuration at a time, after feeding it the
 * earlier measurements it can use (all of them for a latency goal, those with energy otherwise), and
 * recommends the best measured configuration.
 */
final class SequentialChoice implements MeasurementChoice {

    private final SequentialOptimiser optimiser;
    private final int budget;
    private final List<Measurement> measurements = new ArrayList<>();

    SequentialChoice(SequentialOptimiser optimiser, int budget, List<Measurement> resumed) {
        this.optimiser = optimiser;
        this.budget = budget;
        for (Measurement m : resumed) {
            if (optimiser.goal().metric() == Metric.LATENCY || m.hasEnergy()) {
                optimiser.observe(m);
                measurements.add(m);
            }
        }
    }

    @Override
    public List<Configuration> plan() {
        return List.of();
    }

    @Override
    public int planned() {
        return budget;
    }

    @Override
    public boolean done() {
        return optimiser.shouldStop();
    }

    @Override
    public Configuration next() {
        return optimiser.next();
    }

    @Override
    public void observe(Measurement measurement) {
        optimiser.observe(measurement);
        measurements.add(measurement);
    }

    @Override
    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    @Override
    public Recommendation recommend(Objective objective, List<Configuration> candidates, double[] latency,
                                    double[] energy) {
        Measurement best = optimiser.best().orElseThrow(() -> new IllegalStateException("nothing was measured"));
        int i = candidates.indexOf(best.configuration());
        if (i < 0) {
            throw new IllegalStateException("the best measured " + best.configuration() + " is not a candidate");
        }
        return new Recommendation(best.configuration(), latency[i], energy[i], Recommendation.Basis.BEST_MEASURED,
                "best measured by the sequential optimiser under " + objective);
    }
}
