package org.tunerd.daemon.tuning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.DeviceDescription;
import org.tunerd.models.adapt.Goal;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.transfer.StackedGpStrategy;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.optimize.Optimizer;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.transfer.Sampling;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.Strategies;
import org.tunerd.models.transfer.TransferStrategy;

/**
 * One adaptation to one environment, run on the tuning thread (never an event loop):
 * choose the sample -> measure one configuration at a time (settle, cancellable, each sample reported so
 * it can be persisted) -> fit latency and energy models -> predict the whole allowed space -> choose the
 * configuration -> apply it -> verify with one measurement.
 *
 * <p>With a source, the STACKED-GP strategy and an objective the sequential optimiser handles (min
 * energy, min latency, min energy under a latency SLO), the optimiser picks each next configuration by
 * expected improvement and the device ends at the best measured one (measured to reach about 1% regret
 * at 10 measurements on the TX2 study data). Otherwise the strategy plans the whole sample up front and
 * the predicted optimum is applied.
 *
 * <p>Given several sources, a strategy that combines sources (STACKED-GP) fits its latency and energy
 * models from all of them; planning and the sequential optimiser follow the first (primary) source only,
 * since pooling changed no regret in the adaptation study, only the model's accuracy.
 *
 * <p>Without a source (no stored environment) it is a cold start: a uniform random sample within the
 * budget and a learner trained on it alone. If the verification shows that a sample measured earlier beats
 * the predicted optimum, the device is left in that measured configuration instead. Any device failure or
 * cancellation puts the device back into the configuration it had before the session.
 */
public final class TuningSession {

    private static final Logger LOG = LoggerFactory.getLogger(TuningSession.class);
    private static final int CV_FOLDS = 5;

    private final Device device;
    private final TuningRequest request;
    private final List<MeasurementSet> sources;
    private final Optional<MeasurementSet> source;
    private final TuningListener listener;
    private final CancellationToken token;

    /**
     * @param sources the stored environments to transfer from, the primary one first (it plans the sample
     *                and drives the sequential optimiser); the others only add to the fitted models, and only
     *                with a strategy that {@link TransferStrategy#combinesSources() combines sources}. Empty =
     *                cold start.
     */
    public TuningSession(Device device, TuningRequest request, List<MeasurementSet> sources,
                         TuningListener listener, CancellationToken token) {
        this.device = device;
        this.request = request;
        this.sources = List.copyOf(sources);
        this.source = this.sources.stream().findFirst();
        this.listener = listener;
        this.token = token;
    }

    /** Runs the session; throws {@link TuningCancelledException} when cancelled, other exceptions on failure. */
    public TuningOutcome run() {
        Environment environment = request.environment();
        DeviceDescription description = device.describe();
        ConfigurationSpace space = description.space().withConstraints(request.constraints());
        if (space.size() == 0) {
            throw new IllegalArgumentException("the constraints " + request.constraints()
                    + " exclude every configuration of " + description.hardware());
        }
        Configuration before = device.current();
        try {
            return tune(environment, description, space);
        } catch (TuningCancelledException e) {
            rollBack(before);
            listener.cancelled(new SessionCancellation(environment, e.getMessage()));
            throw e;
        } catch (RuntimeException e) {
            rollBack(before);
            listener.failed(new SessionFailure(environment, e.getMessage()));
            throw e;
        }
    }

    private TuningOutcome tune(Environment environment, DeviceDescription description, ConfigurationSpace space) {
        List<Configuration> candidates = space.configurations();
        Learner learner = Learners.create(request.learner(), request.seed());
        Optional<Source> from = source.map(Source::new);
        TransferStrategy strategy = Strategies.create(from.isPresent() ? request.strategy() : "Scratch");
        List<MeasurementSet> used = strategy.combinesSources() ? sources : sources.subList(0, Math.min(1, sources.size()));
        if (used.size() < sources.size()) {
            LOG.info("strategy {} transfers from one source: {} more not used", strategy.name(),
                    sources.size() - used.size());
        }
        List<Source> all = new ArrayList<>();
        from.ifPresent(all::add);
        used.stream().skip(1).map(Source::new).forEach(all::add);
        List<Environment> extra = used.stream().skip(1).map(MeasurementSet::environment).toList();
        FeatureEncoding encoding = from.map(Source::encoding).orElseGet(() -> FeatureEncoding.of(space));
        boolean energyAvailable = description.energyAvailable();
        Objective objective = request.objective();
        if (!energyAvailable && !(objective instanceof Objective.MinLatency)) {
            LOG.warn("no energy sensor on {}: optimising latency instead of {}", description.hardware(), objective);
            objective = new Objective.MinLatency();
        }
        List<Measurement> earlier = new ArrayList<>();
        Set<Configuration> seen = new HashSet<>();
        for (Measurement m : request.resumed()) {
            if (space.allows(m.configuration()) && seen.add(m.configuration())) {
                earlier.add(m);
            }
        }
        Optional<SequentialOptimiser> sequential = sequentialOptimiser(strategy, objective, candidates, energyAvailable);
        phase(environment, SessionPhase.MEASURING);
        List<Measurement> samples = sequential.isPresent()
                ? measureSequentially(environment, extra, strategy, sequential.get(), earlier)
                : measurePlan(environment, extra, strategy, from, candidates, earlier, new Random(request.seed()));
        token.check();

        phase(environment, SessionPhase.FITTING);
        boolean withEnergy = energyAvailable && samples.stream().allMatch(Measurement::hasEnergy);
        ModelFitter fitter = new ModelFitter(strategy, all, learner, encoding);
        Model latencyModel = fitter.fit(Metric.LATENCY, samples);
        Optional<Model> energyModel = withEnergy ? Optional.of(fitter.fit(Metric.ENERGY, samples)) : Optional.empty();
        ModelQuality quality = new ModelQuality(samples.size(), fitter.crossValidatedMape(Metric.LATENCY, samples, CV_FOLDS),
                withEnergy ? fitter.crossValidatedMape(Metric.ENERGY, samples, CV_FOLDS) : Double.NaN);
        listener.modelsFitted(new ModelsFitted(environment, quality));
        token.check();

        double[] latency = latencyModel.predict(candidates);
        double[] energy = energyModel.map(m -> m.predict(candidates)).orElseGet(() -> nans(candidates.size()));
        SpacePrediction prediction = new SpacePrediction(environment, candidates, latency, energy);
        if (sequential.isPresent()) {
            Measurement best = sequential.get().best().orElseThrow();
            Performance predicted = prediction.of(best.configuration()).orElseThrow();
            phase(environment, SessionPhase.APPLYING);
            device.apply(best.configuration());
            listener.reconfigured(new Reconfiguration(environment, best.configuration(), predicted));
            phase(environment, SessionPhase.VERIFYING);
            token.sleep(request.settle());
            Measurement verified = device.measure(request.workload());
            String reason = "best measured by the sequential optimiser under " + objective;
            if (objective instanceof Objective.MinEnergyWithinLatency slo && verified.latency() > slo.sloSeconds()) {
                return keepWithinBound(environment, extra, strategy, learner, samples, quality, prediction, slo,
                        best, verified, predicted, reason);
            }
            return finish(environment, extra, strategy, learner, samples, quality, prediction, verified, predicted, 1,
                    reason);
        }
        Optimizer.Choice choice = Optimizer.best(objective, candidates, latency, energy);
        if (!choice.feasible()) {
            LOG.warn("no configuration is predicted to satisfy {}; taking the fastest", objective);
        }
        phase(environment, SessionPhase.APPLYING);
        device.apply(choice.configuration());
        Performance predicted = new Performance(choice.latency(), choice.energy());
        listener.reconfigured(new Reconfiguration(environment, choice.configuration(), predicted));
        phase(environment, SessionPhase.VERIFYING);
        token.sleep(request.settle());
        Measurement verified = device.measure(request.workload());

        String reason = "predicted best under " + objective;
        double minLatency = Optimizer.finiteMin(latency);
        double minEnergy = Optimizer.finiteMin(energy);
        Measurement bestSample = bestMeasured(objective, samples, minLatency, minEnergy);
        if (bestSample != null
                && score(objective, bestSample, minLatency, minEnergy) < score(objective, verified, minLatency, minEnergy)) {
            LOG.info("measured sample {} beats the predicted best {}: keeping the measured one",
                    bestSample.configuration(), choice.configuration());
            phase(environment, SessionPhase.APPLYING);
            device.apply(bestSample.configuration());
            reason = "measured sample beat the predicted best " + choice.configuration() + " (verified "
                    + format(verified) + ")";
            predicted = prediction.of(bestSample.configuration()).orElse(predicted);
            listener.reconfigured(new Reconfiguration(environment, bestSample.configuration(), predicted));
            verified = bestSample;
        }
        return finish(environment, extra, strategy, learner, samples, quality, prediction, verified, predicted, 1,
                reason);
    }

    /**
     * The applied configuration met the latency SLO when sampled but not when verified: tries the measured
     * configurations with more headroom ({@link LatencyBoundFallback}) and keeps the first whose verification
     * meets the bound; if none does, the one verified fastest.
     */
    private TuningOutcome keepWithinBound(Environment environment, List<Environment> extra, TransferStrategy strategy,
                                          Learner learner, List<Measurement> samples, ModelQuality quality,
                                          SpacePrediction prediction, Objective.MinEnergyWithinLatency slo,
                                          Measurement failed, Measurement failedVerification, Performance failedPredicted,
                                          String reason) {
        Measurement keptVerification = failedVerification;
        Performance keptPredicted = failedPredicted;
        int verifications = 1;
        for (Measurement fallback : LatencyBoundFallback.candidates(slo.sloSeconds(), samples, failed,
                failedVerification)) {
            token.check();
            LOG.warn("{} verified at {} s, above the {} s SLO (sampled at {} s): trying measured {} ({} s)",
                    failed.configuration(), failedVerification.latency(), slo.sloSeconds(), failed.latency(),
                    fallback.configuration(), fallback.latency());
            Performance predicted = prediction.of(fallback.configuration()).orElse(failedPredicted);
            phase(environment, SessionPhase.APPLYING);
            device.apply(fallback.configuration());
            listener.reconfigured(new Reconfiguration(environment, fallback.configuration(), predicted));
            phase(environment, SessionPhase.VERIFYING);
            token.sleep(request.settle());
            Measurement verified = device.measure(request.workload());
            verifications++;
            if (verified.latency() < keptVerification.latency()) {
                keptVerification = verified;
                keptPredicted = predicted;
            }
            if (verified.latency() <= slo.sloSeconds()) {
                return finish(environment, extra, strategy, learner, samples, quality, prediction, verified, predicted,
                        verifications, reason + "; " + failed.configuration() + " missed the SLO on verification ("
                                + format(failedVerification) + "), so the measured " + fallback.configuration()
                                + " with more headroom was applied");
            }
        }
        if (!device.current().equals(keptVerification.configuration())) {
            phase(environment, SessionPhase.APPLYING);
            device.apply(keptVerification.configuration());
            listener.reconfigured(new Reconfiguration(environment, keptVerification.configuration(), keptPredicted));
        }
        LOG.warn("no measured configuration met the {} s SLO on verification; keeping {} (verified {} s)",
                slo.sloSeconds(), keptVerification.configuration(), keptVerification.latency());
        return finish(environment, extra, strategy, learner, samples, quality, prediction, keptVerification,
                keptPredicted, verifications, reason + "; no measured configuration met the SLO on verification");
    }

    private TuningOutcome finish(Environment environment, List<Environment> extra, TransferStrategy strategy, Learner learner,
                                 List<Measurement> samples, ModelQuality quality, SpacePrediction prediction,
                                 Measurement verified, Performance predicted, int verifications, String reason) {
        TuningOutcome outcome = new TuningOutcome(environment, source.map(MeasurementSet::environment), extra, strategy.name(),
                learner.name(), samples, quality, prediction, verified.configuration(), predicted, verified,
                verifications, reason);
        listener.finished(outcome);
        return outcome;
    }

    /**
     * The sequential optimiser drives the session when there is a source, the strategy is the stacked
     * Gaussian process it is built on, and the objective is one it handles (not a weighted one).
     */
    private Optional<SequentialOptimiser> sequentialOptimiser(TransferStrategy strategy, Objective objective,
                                                             List<Configuration> candidates, boolean energyAvailable) {
        if (source.isEmpty() || !(strategy instanceof StackedGpStrategy) || objective instanceof Objective.Weighted) {
            return Optional.empty();
        }
        if (!energyAvailable && !(objective instanceof Objective.MinLatency)) {
            return Optional.empty();
        }
        return Optional.of(SequentialOptimiser.over(source.get(), candidates, Goal.of(objective),
                SequentialOptimiser.Settings.standard(request.budget()), request.seed()));
    }

    /** Measures what the optimiser asks for, one at a time, after feeding it the earlier measurements. */
    private List<Measurement> measureSequentially(Environment environment, List<Environment> extra, TransferStrategy strategy,
                                                  SequentialOptimiser optimiser, List<Measurement> earlier) {
        List<Measurement> samples = new ArrayList<>();
        for (Measurement m : earlier) {
            if (optimiser.goal().metric() == Metric.LATENCY || m.hasEnergy()) {
                optimiser.observe(m);
                samples.add(m);
            }
        }
        listener.started(new SessionStart(environment, source.map(MeasurementSet::environment), extra, strategy.name(),
                request.budget(), List.of(), !samples.isEmpty()));
        while (!optimiser.shouldStop()) {
            Measurement m = measureAt(optimiser.next());
            optimiser.observe(m);
            samples.add(m);
            listener.sampleMeasured(new SampleTaken(environment, samples.size(), request.budget(), m));
        }
        return samples;
    }

    /** One sample: stops here if cancelled, then applies {@code c}, lets it settle and measures the workload. */
    private Measurement measureAt(Configuration c) {
        token.check();
        device.apply(c);
        token.sleep(request.settle());
        return device.measure(request.workload());
    }

    /** Measures the strategy's plan (or, without a source, a uniform sample), skipping what was measured. */
    private List<Measurement> measurePlan(Environment environment, List<Environment> extra, TransferStrategy strategy,
                                          Optional<Source> from,
                                          List<Configuration> candidates, List<Measurement> earlier, Random random) {
        List<Configuration> plan = from.isPresent()
                ? strategy.plan(from.get(), candidates, request.budget(), random)
                : Sampling.uniform(candidates, Math.min(request.budget(), candidates.size()), random);
        List<Measurement> samples = new ArrayList<>(earlier);
        Set<Configuration> measured = new HashSet<>();
        earlier.forEach(m -> measured.add(m.configuration()));
        listener.started(new SessionStart(environment, source.map(MeasurementSet::environment), extra, strategy.name(),
                request.budget(), plan, !samples.isEmpty()));
        for (Configuration c : plan) {
            if (measured.contains(c)) {
                continue;
            }
            Measurement m = measureAt(c);
            samples.add(m);
            measured.add(c);
            listener.sampleMeasured(new SampleTaken(environment, samples.size(), plan.size(), m));
        }
        return samples;
    }

    /** The sample scoring best under {@code objective}, against the predictions' reference minima. */
    private static Measurement bestMeasured(Objective objective, List<Measurement> samples, double minLatency,
                                            double minEnergy) {
        Measurement best = null;
        for (Measurement m : samples) {
            if (best == null || score(objective, m, minLatency, minEnergy) < score(objective, best, minLatency, minEnergy)) {
                best = m;
            }
        }
        return best;
    }

    private static double score(Objective objective, Measurement m, double minLatency, double minEnergy) {
        return objective.score(m.latency(), m.energy(), minLatency, minEnergy);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private void phase(Environment environment, SessionPhase phase) {
        listener.phaseChanged(new PhaseChange(environment, phase));
    }

    private void rollBack(Configuration before) {
        try {
            device.apply(before);
        } catch (RuntimeException e) {
            LOG.error("could not roll the device back to {}: {}", before, e.getMessage());
        }
    }

    static String format(Measurement m) {
        return String.format(java.util.Locale.ROOT, "%.4f s, %.4g energy", m.latency(), m.energy());
    }
}
