package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.Goal;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.ParetoFront;
import org.tunerd.models.space.Configuration;
import org.tunerd.study.predictors.Predictors;

/**
 * The transfer and optimisation study over measured data sets: for each target and seed, prediction error
 * (MAPE) of each predictor under random and maximin designs; regret of each sequential optimiser after every
 * measurement (a regret-vs-budget curve) for minimum latency and minimum energy; the latency-SLO policy
 * (minimum energy with latency at most the target's median); and the hypervolume ratio of the predicted
 * latency/energy Pareto front.
 *
 * <p>Candidates are the target's measured rows (optionally a random fraction of them, to mimic a target
 * that is a sample of a larger space); errors are over the candidates not measured, regret is against the
 * best candidate.
 */
public final class AdaptStudy {

    /**
     * A sequential optimiser under a name.
     *
     * @param smoothSource transfer from the smoothed source model (else from the measured source values)
     */
    public record NamedOptimiser(String name, SequentialOptimiser.Settings settings, boolean smoothSource) {
        public NamedOptimiser(String name, SequentialOptimiser.Settings settings) {
            this(name, settings, false);
        }
    }

    /**
     * @param budget         measurements per run (MAPE is reported at this budget)
     * @param seeds          repetitions per target
     * @param targetFraction fraction of each target's rows kept as candidates (1 = all)
     * @param predictors     predictors compared on MAPE
     * @param optimisers     sequential optimisers compared on regret and the SLO policy
     */
    public record Settings(int budget, int seeds, double targetFraction, List<Predictors.Predictor> predictors,
                           List<NamedOptimiser> optimisers) {
        public Settings {
            if (budget < 1 || seeds < 1 || !(targetFraction > 0 && targetFraction <= 1)) {
                throw new IllegalArgumentException("invalid study settings: budget " + budget + ", seeds " + seeds
                        + ", target fraction " + targetFraction);
            }
            predictors = List.copyOf(predictors);
            optimisers = List.copyOf(optimisers);
        }

        /** The standard comparison at the given budget and seeds. */
        public static Settings standard(int budget, int seeds) {
            SequentialOptimiser.Settings ei = SequentialOptimiser.Settings.standard(budget);
            return new Settings(budget, seeds, 1.0, Predictors.standardSet(), List.of(
                    new NamedOptimiser("seq-ei", ei),
                    new NamedOptimiser("seq-ei-uncalibrated", ei.withCalibration(false)),
                    new NamedOptimiser("seq-ei-random-start", ei.withRandomStartUnderBound()),
                    new NamedOptimiser("seq-ei-smooth-source", ei, true),
                    new NamedOptimiser("seq-ei-stop", ei.withStopGain(0.002, 5)),
                    new NamedOptimiser("seq-ei-design5", new SequentialOptimiser.Settings(budget, 2, 5, 5, 0, 0, budget,
                            ei.model(), SequentialOptimiser.Acquisition.EXPECTED_IMPROVEMENT, true)),
                    new NamedOptimiser("seq-greedy", new SequentialOptimiser.Settings(budget, 1, 1, 1, 0, 0, budget,
                            ei.model(), SequentialOptimiser.Acquisition.GREEDY, false)),
                    new NamedOptimiser("seq-greedy-8", new SequentialOptimiser.Settings(budget, 0, 8, 8, 0, 0, budget,
                            ei.model(), SequentialOptimiser.Acquisition.GREEDY, false))));
        }

        public Settings withTargetFraction(double fraction) {
            return new Settings(budget, seeds, fraction, predictors, optimisers);
        }
    }

    /** Mean MAPE of one predictor, design, target and metric over the seeds. */
    public record MapeRow(String predictor, String design, String target, Metric metric, double mape) {
    }

    /** Mean and worst regret of one optimiser on one target and goal after {@code measurements}. */
    public record RegretRow(String optimiser, String target, String goal, int measurements, double meanRegret,
                            double maxRegret) {
    }

    /** The latency-SLO policy after {@code measurements}: share of runs meeting the bound and energy excess. */
    public record SloRow(String optimiser, String target, int measurements, double metShare, double meanExcess,
                         double maxExcess) {
    }

    /** Mean hypervolume ratio (predicted front's true points over the true front) of a predictor on a target. */
    public record ParetoRow(String predictor, String target, double hypervolumeRatio) {
    }

    /** Mean number of measurements an optimiser took (less than the budget when its stopping rule fired). */
    public record UsageRow(String optimiser, String target, String goal, double meanMeasurements) {
    }

    /**
     * One run of the default predictor (the first one, maximin design, seed 0) on a target, for plots.
     *
     * @param train positions of the measured candidates
     */
    public record Example(String predictor, String target, double[] latency, double[] energy, double[] predictedLatency,
                          double[] predictedEnergy, int[] train) {
    }

    /** Everything the study measured. */
    public record Result(List<MapeRow> mape, List<RegretRow> regret, List<SloRow> slo, List<ParetoRow> pareto,
                         List<UsageRow> usage, List<Example> examples) {
    }

    private final Settings settings;

    public AdaptStudy(Settings settings) {
        this.settings = settings;
    }

    /** Runs the study; {@code progress} receives one line per finished target and phase. */
    public Result run(MeasurementSet source, List<MeasurementSet> targets, Consumer<String> progress) {
        return run(source, targets, List.of(), progress);
    }

    /**
     * As {@link #run(MeasurementSet, List, Consumer)}, but the predictors see several sources: {@code source}
     * and every environment of {@code pool} other than the target (the target is always left out). The
     * sequential optimisers still transfer from {@code source} alone.
     */
    public Result run(MeasurementSet source, List<MeasurementSet> targets, List<MeasurementSet> pool,
                      Consumer<String> progress) {
        SourceModel sourceModel = new SourceModel(source);
        java.util.Map<String, SourceModel> pooled = new java.util.LinkedHashMap<>();
        for (MeasurementSet p : pool) {
            String id = p.environment().id();
            if (!id.equals(source.environment().id())) {
                pooled.computeIfAbsent(id, k -> new SourceModel(p));
            }
        }
        SourceModel rawSource = new SourceModel(source, false);
        List<MapeRow> mape = new ArrayList<>();
        List<RegretRow> regret = new ArrayList<>();
        List<SloRow> slo = new ArrayList<>();
        List<ParetoRow> pareto = new ArrayList<>();
        List<UsageRow> usage = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (MeasurementSet target : targets) {
            String name = target.environment().id();
            long start = System.nanoTime();
            List<Trial> trials = new ArrayList<>();
            for (int seed = 0; seed < settings.seeds; seed++) {
                List<SourceModel> sources = new ArrayList<>(List.of(sourceModel));
                pooled.forEach((id, m) -> {
                    if (!id.equals(name)) {
                        sources.add(m);
                    }
                });
                trials.add(trial(sources, rawSource, target, seed));
            }
            mapeRows(name, trials, mape, pareto, examples);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: prediction done (%d seeds, %.1f s)", name,
                    settings.seeds, (System.nanoTime() - start) / 1e9));
            optimiserRows(name, trials, regret, slo, usage);
            progress.accept(String.format(java.util.Locale.ROOT, "%s: optimisation done (%.1f s)", name,
                    (System.nanoTime() - start) / 1e9));
        }
        return new Result(mape, regret, slo, pareto, usage, examples);
    }

    /**
     * The candidates and true values of one seed; {@code features} from the smoothed source(s) (the
     * predictors' view), {@code raw} from the measured values of the primary source.
     */
    private record Trial(int seed, TransferFeatures features, TransferFeatures raw, List<Measurement> rows,
                         double[] latency, double[] energy) {
        /** The optimisers' view: the primary source alone, smoothed or measured. */
        TransferFeatures features(boolean smooth) {
            return smooth ? features.perSource().get(0) : raw;
        }
    }

    private Trial trial(List<SourceModel> source, SourceModel rawSource, MeasurementSet target, int seed) {
        List<Measurement> rows = target.measurements();
        if (settings.targetFraction < 1) {
            List<Measurement> shuffled = new ArrayList<>(rows);
            java.util.Collections.shuffle(shuffled, new Random(1_000_003L * seed + 7));
            rows = List.copyOf(shuffled.subList(0, Math.max(settings.budget + 2,
                    (int) Math.round(rows.size() * settings.targetFraction))));
        }
        List<Configuration> candidates = rows.stream().map(Measurement::configuration).toList();
        TransferFeatures f = new TransferFeatures(source, target.space(), candidates);
        TransferFeatures raw = new TransferFeatures(rawSource, target.space(), candidates);
        double[] lat = rows.stream().mapToDouble(Measurement::latency).toArray();
        double[] en = rows.stream().mapToDouble(Measurement::energy).toArray();
        return new Trial(seed, f, raw, rows, lat, en);
    }

    private void mapeRows(String target, List<Trial> trials, List<MapeRow> out, List<ParetoRow> pareto,
                          List<Example> examples) {
        // each design depends on the trial only, not on the predictor: computed once
        Map<String, int[][]> designs = new HashMap<>();
        for (Predictors.Predictor p : settings.predictors) {
            for (String design : List.of("random", "maximin", "maxpro", "maximin-rank", "integrated-variance")) {
                double[] sum = new double[2];
                double hv = 0;
                int[][] plans = designs.computeIfAbsent(design, d -> new int[trials.size()][]);
                for (int ti = 0; ti < trials.size(); ti++) {
                    Trial t = trials.get(ti);
                    if (plans[ti] == null) {
                        plans[ti] = design(design, t);
                    }
                    int[] train = plans[ti];
                    boolean[] rest = new boolean[t.rows.size()];
                    Arrays.fill(rest, true);
                    for (int i : train) {
                        rest[i] = false;
                    }
                    double[][] pred = new double[2][];
                    for (Metric m : Metric.values()) {
                        double[] truth = m == Metric.LATENCY ? t.latency : t.energy;
                        double[] y = new double[train.length];
                        for (int k = 0; k < train.length; k++) {
                            y[k] = Math.log(truth[train[k]]);
                        }
                        double[] logPred = p.predictLog(t.features, m, train, y);
                        pred[m.ordinal()] = Arrays.stream(logPred).map(Math::exp).toArray();
                        sum[m.ordinal()] += Regret.mape(pred[m.ordinal()], truth, rest) / trials.size();
                    }
                    hv += hypervolumeRatio(pred[0], pred[1], t.latency, t.energy) / trials.size();
                    if (examples.stream().noneMatch(e -> e.target().equals(target)) && design.equals("maximin")) {
                        examples.add(new Example(p.name(), target, t.latency, t.energy, pred[0], pred[1], train));
                    }
                }
                for (Metric m : Metric.values()) {
                    out.add(new MapeRow(p.name(), design, target, m, sum[m.ordinal()]));
                }
                if (design.equals("maximin")) {
                    pareto.add(new ParetoRow(p.name(), target, hv));
                }
            }
        }
    }

    private int[] design(String design, Trial t) {
        Random rng = new Random(t.seed);
        return switch (design) {
            case "random" -> Designs.random(t.features, settings.budget, rng);
            case "maxpro" -> Designs.maxPro(t.features, settings.budget, new int[0], rng);
            case "maximin-rank" -> Designs.maximinRank(t.features, settings.budget, new int[0], rng);
            case "integrated-variance" -> Designs.integratedVariance(t.features, StackedGp.recommended(),
                    settings.budget, new int[0], rng);
            default -> Designs.maximin(t.features, settings.budget, new int[0], rng);
        };
    }

    /** Hypervolume of the true points of the predicted front over that of the true front (1 = perfect). */
    static double hypervolumeRatio(double[] predLat, double[] predEn, double[] lat, double[] en) {
        double refA = Arrays.stream(lat).max().orElseThrow();
        double refB = Arrays.stream(en).max().orElseThrow();
        int[] front = ParetoFront.indices(predLat, predEn);
        double[] a = new double[front.length];
        double[] b = new double[front.length];
        for (int k = 0; k < front.length; k++) {
            a[k] = lat[front[k]];
            b[k] = en[front[k]];
        }
        return ParetoFront.hypervolume(a, b, refA, refB) / ParetoFront.hypervolume(lat, en, refA, refB);
    }

    private void optimiserRows(String target, List<Trial> trials, List<RegretRow> regret, List<SloRow> slo,
                               List<UsageRow> usage) {
        int budget = settings.budget;
        // baseline: measure the configurations the source ranks best, keep the best measured
        for (Metric m : Metric.values()) {
            double[][] curve = new double[trials.size()][budget];
            for (int s = 0; s < trials.size(); s++) {
                Trial t = trials.get(s);
                double[] truth = m == Metric.LATENCY ? t.latency : t.energy;
                double best = Arrays.stream(truth).min().orElseThrow();
                int[] order = Designs.sourceBest(t.raw, m, budget);
                double got = Double.POSITIVE_INFINITY;
                for (int n = 0; n < budget; n++) {
                    got = n < order.length ? Math.min(got, truth[order[n]]) : got;
                    curve[s][n] = Regret.percent(got, best);
                }
            }
            addCurve(regret, "source-top", target, "min " + m.key(), curve);
        }
        for (NamedOptimiser o : settings.optimisers) {
            for (Metric m : Metric.values()) {
                double[][] curve = new double[trials.size()][budget];
                double used = 0;
                for (int s = 0; s < trials.size(); s++) {
                    Trial t = trials.get(s);
                    double[] truth = m == Metric.LATENCY ? t.latency : t.energy;
                    double best = Arrays.stream(truth).min().orElseThrow();
                    TransferFeatures f = t.features(o.smoothSource);
                    SequentialOptimiser opt = new SequentialOptimiser(f, Goal.minimise(m), o.settings, t.seed);
                    double got = Double.POSITIVE_INFINITY;
                    for (int n = 0; n < budget; n++) {
                        if (!opt.shouldStop()) {
                            Measurement meas = t.rows.get(f.indexOf(opt.next()));
                            opt.observe(meas);
                            got = Math.min(got, meas.value(m));
                        }
                        curve[s][n] = Regret.percent(got, best);
                    }
                    used += (double) opt.measurements() / trials.size();
                }
                addCurve(regret, o.name, target, "min " + m.key(), curve);
                usage.add(new UsageRow(o.name, target, "min " + m.key(), used));
            }
            // latency-SLO policy: min energy with latency <= the target's median latency
            double[][] met = new double[trials.size()][budget];
            double[][] excess = new double[trials.size()][budget];
            for (int s = 0; s < trials.size(); s++) {
                Trial t = trials.get(s);
                double bound = median(t.latency);
                double bestFeasible = Double.POSITIVE_INFINITY;
                for (int i = 0; i < t.latency.length; i++) {
                    if (t.latency[i] <= bound) {
                        bestFeasible = Math.min(bestFeasible, t.energy[i]);
                    }
                }
                TransferFeatures f = t.features(o.smoothSource);
                SequentialOptimiser opt = new SequentialOptimiser(f, Goal.minEnergyWithin(bound), o.settings, t.seed);
                for (int n = 0; n < budget; n++) {
                    if (!opt.shouldStop()) {
                        opt.observe(t.rows.get(f.indexOf(opt.next())));
                    }
                    Measurement chosen = opt.best().orElseThrow();
                    met[s][n] = chosen.latency() <= bound ? 1 : 0;
                    excess[s][n] = met[s][n] == 1 ? Regret.percent(chosen.energy(), bestFeasible) : Double.NaN;
                }
            }
            for (int n = 0; n < budget; n++) {
                double share = 0;
                double mean = 0;
                double max = 0;
                int k = 0;
                for (int s = 0; s < trials.size(); s++) {
                    share += met[s][n] / trials.size();
                    if (!Double.isNaN(excess[s][n])) {
                        mean += excess[s][n];
                        max = Math.max(max, excess[s][n]);
                        k++;
                    }
                }
                slo.add(new SloRow(o.name, target, n + 1, share, k == 0 ? Double.NaN : mean / k, max));
            }
        }
    }

    private static void addCurve(List<RegretRow> out, String optimiser, String target, String goal, double[][] curve) {
        for (int n = 0; n < curve[0].length; n++) {
            double mean = 0;
            double max = 0;
            for (double[] run : curve) {
                mean += run[n] / curve.length;
                max = Math.max(max, run[n]);
            }
            out.add(new RegretRow(optimiser, target, goal, n + 1, mean, max));
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
