package org.tunerd.models.adapt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * Finds a good configuration one measurement at a time: first the configurations the source ranks best
 * for the goal (under a latency bound: the configuration the source ranks fastest, then a maximin spread),
 * then, after every measurement, refits the
 * {@link StackedGp} models and measures the candidate of highest expected improvement (in log space, i.e.
 * relative) of the goal; under a latency bound the improvement is weighted by the predicted probability
 * of meeting the bound. It stops at the budget or when, after {@value #QUIET_STEPS} refits in a row, no
 * candidate is expected to improve the best measured value by more than {@link Settings#stopGain()}. The
 * answer is always a measured configuration ({@link #best()}).
 *
 * <p>Use: {@code while (!o.shouldStop()) { c = o.next(); o.observe(device.measure(c)); } o.best()}.
 * Not thread-safe. (About 300 lines with its {@link Settings}, whose every field documents one rule of the
 * optimiser; the loop, the design start and the acquisition read each other's state and stay together.)
 */
public final class SequentialOptimiser {

    /**
     * @param budget       most measurements to take
     * @param sourceSeeds  configurations the source ranks best, measured first (none under a latency bound)
     * @param designPoints measurements before the model steers (source seeds included) for min latency without
     *                     a latency bound
     * @param energyDesignPoints the same for min energy without a latency bound: the source's best settings
     *                     ({@code sourceSeeds}), then maximin points. Energy gets more because its optimum is an
     *                     interior trade-off (a lower clock draws less power but runs longer) whose place moves with
     *                     the board's power curve and the DNN, so the source's energy ranking is checked on spread
     *                     samples before expected improvement relies on it; latency falls with every clock and core
     *                     on every board, so the source's fastest settings are the place to start
     * @param boundDesignPoints measurements before the model steers under a latency bound: the configuration
     *                     the source ranks fastest (the one most likely to meet any bound, so that a feasible
     *                     answer is usually in hand from the first measurement), then a maximin spread around it;
     *                     0 = no such start: as without a bound, {@code designPoints} maximin points from a random one
     * @param stopGain     stop when the largest expected relative improvement falls below this (0 = never)
     * @param minimum      never stop before this many measurements
     * @param model        the transfer model refitted after every measurement
     * @param acquisition  how the next candidate is chosen once the model steers
     * @param calibrate    for goals without a latency bound, widen the model's standard deviations by its
     *                     leave-one-out calibration before computing the expected improvement (more
     *                     exploration when the model is over-confident); under a latency bound the
     *                     feasibility weighting explores instead
     */
    public record Settings(int budget, int sourceSeeds, int designPoints, int energyDesignPoints,
                           int boundDesignPoints, double stopGain, int minimum, StackedGp model,
                           Acquisition acquisition, boolean calibrate) {
        public Settings {
            if (budget < 1 || sourceSeeds < 0 || designPoints < 1 || energyDesignPoints < 1 || boundDesignPoints < 0
                    || stopGain < 0 || minimum < 0) {
                throw new IllegalArgumentException("invalid sequential settings: budget " + budget + ", seeds "
                        + sourceSeeds + ", design " + designPoints + ", design for energy " + energyDesignPoints
                        + ", design under a latency bound " + boundDesignPoints + ", stopGain " + stopGain
                        + ", minimum " + minimum);
            }
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(acquisition, "acquisition");
        }

        /** The defaults used by the daemon and {@code tunerd-study evaluate}. */
        public static Settings standard(int budget) {
            return new Settings(budget, 1, 1, 3, 3, 0.0, budget, StackedGp.standard(),
                    Acquisition.EXPECTED_IMPROVEMENT, true);
        }

        public Settings withStopGain(double gain, int minimum) {
            return new Settings(budget, sourceSeeds, designPoints, energyDesignPoints, boundDesignPoints, gain,
                    minimum, model, acquisition, calibrate);
        }

        public Settings withBudget(int newBudget) {
            return new Settings(newBudget, sourceSeeds, designPoints, energyDesignPoints, boundDesignPoints,
                    stopGain, minimum, model, acquisition, calibrate);
        }

        public Settings withCalibration(boolean on) {
            return new Settings(budget, sourceSeeds, designPoints, energyDesignPoints, boundDesignPoints, stopGain,
                    minimum, model, acquisition, on);
        }

        /**
         * The same, but under a latency bound the design is as without one: a random first candidate, then
         * maximin points.
         */
        public Settings withRandomStartUnderBound() {
            return new Settings(budget, sourceSeeds, designPoints, energyDesignPoints, 0, stopGain, minimum, model,
                    acquisition, calibrate);
        }
    }

    /** How the model picks the next candidate. */
    public enum Acquisition {
        /** The lowest predicted value (pure exploitation). */
        GREEDY,
        /** The highest expected improvement over the best measured value, times the probability of feasibility. */
        EXPECTED_IMPROVEMENT
    }

    /** The stopping rule fires after this many consecutive refits expecting less than the stop gain. */
    static final int QUIET_STEPS = 3;

    private final TransferFeatures features;
    private final Goal goal;
    private final Settings settings;
    private final Random rng;
    private final Map<Integer, Measurement> measured = new LinkedHashMap<>();
    private int quietSteps;
    private Integer pending;

    public SequentialOptimiser(TransferFeatures features, Goal goal, Settings settings, long seed) {
        this.features = Objects.requireNonNull(features, "features");
        this.goal = Objects.requireNonNull(goal, "goal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.rng = new Random(seed);
        if (goal.metric() == Metric.ENERGY && !features.hasSourceEnergy()) {
            throw new IllegalArgumentException("goal " + goal + " needs a source with energy measurements");
        }
    }

    /**
     * An optimiser over {@code candidates} (the target's space or the configurations it offers),
     * transferring from the measured values of {@code source}: what the daemon calls.
     */
    public static SequentialOptimiser over(org.tunerd.models.data.MeasurementSet source, List<Configuration> candidates,
                                           Goal goal, Settings settings, long seed) {
        return new SequentialOptimiser(TransferFeatures.of(new SourceModel(source, false), candidates), goal, settings,
                seed);
    }

    public Goal goal() {
        return goal;
    }

    public int measurements() {
        return measured.size();
    }

    /** True when the budget is spent, every candidate is measured, or the expected gain is too small. */
    public boolean shouldStop() {
        if (measured.size() >= Math.min(settings.budget(), features.size())) {
            return true;
        }
        return measured.size() >= Math.max(settings.minimum(), designPoints())
                && settings.stopGain() > 0 && quietSteps >= QUIET_STEPS;
    }

    /** The configuration to measure next; the same one until it is {@linkplain #observe observed}. */
    public Configuration next() {
        if (pending == null) {
            if (measured.size() >= features.size()) {
                throw new IllegalStateException("every candidate is measured");
            }
            pending = choose();
        }
        return features.candidate(pending);
    }

    /** Records a measurement of a candidate (normally the one {@link #next()} returned). */
    public void observe(Measurement m) {
        int i = features.indexOf(m.configuration());
        if (i < 0) {
            throw new IllegalArgumentException("measured configuration is not a candidate: " + m.configuration());
        }
        if (goal.metric() == Metric.ENERGY && !m.hasEnergy()) {
            throw new IllegalArgumentException("goal " + goal + " needs energy, measurement of " + m.configuration()
                    + " has none");
        }
        measured.put(i, m);
        if (pending != null && pending == i) {
            pending = null;
        }
        if (settings.stopGain() > 0 && measured.size() >= designPoints() && measured.size() < features.size()) {
            quietSteps = acquire().gain < settings.stopGain() ? quietSteps + 1 : 0;
        }
    }

    /** The measured configuration best for the goal (feasible first, then lowest latency if none is). */
    public Optional<Measurement> best() {
        Measurement best = null;
        for (Measurement m : measured.values()) {
            if (best == null || better(m, best)) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every measurement observed so far, in order. */
    public List<Measurement> observed() {
        return List.copyOf(measured.values());
    }

    private boolean better(Measurement a, Measurement b) {
        boolean fa = goal.feasible(a);
        boolean fb = goal.feasible(b);
        if (fa != fb) {
            return fa;
        }
        if (!fa) {
            return a.latency() < b.latency();
        }
        return a.value(goal.metric()) < b.value(goal.metric());
    }

    /** Measurements before the model steers. */
    private int designPoints() {
        if (goal.constrained() && settings.boundDesignPoints() > 0) {
            return settings.boundDesignPoints();
        }
        return goal.metric() == Metric.ENERGY ? settings.energyDesignPoints() : settings.designPoints();
    }

    private int choose() {
        int n = measured.size();
        if (n < designPoints()) {
            if (goal.constrained() && settings.boundDesignPoints() > 0 && n == 0) {
                return Designs.sourceBest(features, Metric.LATENCY, 1)[0];
            }
            if (!goal.constrained() && n < settings.sourceSeeds()) {
                for (int i : Designs.sourceBest(features, goal.metric(), features.size())) {
                    if (!measured.containsKey(i)) {
                        return i;
                    }
                }
            }
            int[] start = measured.keySet().stream().mapToInt(Integer::intValue).toArray();
            int[] design = Designs.maximinSupported(features, n + 1, start, rng);
            return design[design.length - 1];
        }
        return acquire().index;
    }

    private record Choice(int index, double gain) {
    }

    private Choice acquire() {
        int[] train = measured.keySet().stream().mapToInt(Integer::intValue).toArray();
        StackedGp.Fit objective = fitLog(goal.metric(), train);
        StackedGp.Fit latency = goal.constrained() ? (goal.metric() == Metric.LATENCY ? objective
                : fitLog(Metric.LATENCY, train)) : null;
        double logBound = goal.constrained() ? Math.log(goal.latencyBound()) : Double.NaN;
        Optional<Measurement> incumbent = best().filter(goal::feasible);
        double bestLog = incumbent.map(m -> Math.log(m.value(goal.metric()))).orElse(Double.NaN);
        // the stopping rule judges the expected gain with standard deviations widened to match the model's
        // leave-one-out errors (the GP alone is over-confident on few samples)
        boolean widenChoice = settings.calibrate() && !goal.constrained();
        double widen = settings.stopGain() > 0 || widenChoice ? settings.model().looCalibration(features,
                goal.metric(), train, logValues(goal.metric(), train)) : 1;
        int choice = -1;
        double score = Double.NEGATIVE_INFINITY;
        double gain = 0;
        for (int i = 0; i < features.size(); i++) {
            if (measured.containsKey(i)) {
                continue;
            }
            // the uncertainty of lying outside the source's measured range is not a reason to measure there:
            // such a candidate is chosen when its mean (the source held at its edge plus the target's trend)
            // or the target's own uncertainty makes it promising
            double pFeasible = latency == null ? 1
                    : normalCdf((logBound - latency.mean()[i]) / latency.sdWithinSupport()[i]);
            double s;
            if (Double.isNaN(bestLog)) {
                // nothing feasible yet: the most likely feasible, ties broken towards low predicted value
                s = pFeasible - 1e-3 * objective.mean()[i];
            } else {
                double ei = expectedImprovement(bestLog, objective.mean()[i],
                        (widenChoice ? widen : 1) * objective.sdWithinSupport()[i]) * pFeasible;
                s = settings.acquisition() == Acquisition.GREEDY
                        ? (pFeasible >= 0.5 ? -objective.mean()[i] : -1e9 - objective.mean()[i]) : ei;
                gain = Math.max(gain, widen == 1 ? ei
                        : expectedImprovement(bestLog, objective.mean()[i], widen * objective.sdWithinSupport()[i])
                        * pFeasible);
            }
            if (s > score) {
                score = s;
                choice = i;
            }
        }
        return new Choice(choice, Double.isNaN(bestLog) ? Double.POSITIVE_INFINITY : gain);
    }

    private double[] logValues(Metric metric, int[] train) {
        double[] y = new double[train.length];
        for (int k = 0; k < train.length; k++) {
            y[k] = Math.log(measured.get(train[k]).value(metric));
        }
        return y;
    }

    private StackedGp.Fit fitLog(Metric metric, int[] train) {
        return settings.model().fit(features, metric, train, logValues(metric, train));
    }

    static double expectedImprovement(double best, double mean, double sd) {
        double z = (best - mean) / sd;
        return (best - mean) * normalCdf(z) + sd * normalPdf(z);
    }

    static double normalPdf(double z) {
        return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26 via erf, error below 1.5e-7). */
    public static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
