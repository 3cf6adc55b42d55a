package org.tunerd.models.adaptation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.optimize.Optimizer;
import org.tunerd.models.space.Configuration;

/**
 * Measures a plan made up front, skipping configurations measured earlier (which are kept as samples), and
 * recommends the models' predicted optimum.
 */
final class PlannedChoice implements MeasurementChoice {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedChoice.class);

    private final List<Configuration> plan;
    private final List<Measurement> measurements;
    private final Set<Configuration> measured = new HashSet<>();
    private int cursor;

    PlannedChoice(List<Configuration> plan, List<Measurement> resumed) {
        this.plan = List.copyOf(plan);
        this.measurements = new ArrayList<>(resumed);
        resumed.forEach(m -> measured.add(m.configuration()));
        skipMeasured();
    }

    @Override
    public List<Configuration> plan() {
        return plan;
    }

    @Override
    public int planned() {
        return plan.size();
    }

    @Override
    public boolean done() {
        return cursor >= plan.size();
    }

    @Override
    public Configuration next() {
        if (done()) {
            throw new IllegalStateException("every planned configuration is measured");
        }
        return plan.get(cursor);
    }

    @Override
    public void observe(Measurement measurement) {
        measured.add(next());
        measured.add(measurement.configuration());
        measurements.add(measurement);
        skipMeasured();
    }

    private void skipMeasured() {
        while (cursor < plan.size() && measured.contains(plan.get(cursor))) {
            cursor++;
        }
    }

    @Override
    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    @Override
    public Recommendation recommend(Objective objective, List<Configuration> candidates, double[] latency,
                                    double[] energy) {
        Optimizer.Choice choice = Optimizer.best(objective, candidates, latency, energy);
        if (!choice.feasible()) {
            LOG.warn("no configuration is predicted to satisfy {}; taking the fastest", objective);
        }
        return new Recommendation(choice.configuration(), choice.latency(), choice.energy(),
                Recommendation.Basis.PREDICTED_OPTIMUM, "predicted best under " + objective);
    }
}
