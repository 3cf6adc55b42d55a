package org.tunerd.daemon.tuning;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.device.Device;
import org.tunerd.models.adaptation.Recommendation;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.optimize.Optimizer;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.SoftwareValues;

/**
 * Puts the device into the configuration a session's adaptation recommends and verifies it: apply, settle,
 * measure (phases {@code APPLYING}, {@code VERIFYING}; each configuration applied is reported). Two rules
 * follow, for every adaptation:
 * <ul>
 *   <li>a recommended <em>predicted</em> optimum whose verification scores worse than a measured sample gives
 *       way to that sample (the device is left in it; its sample stands as its verification);</li>
 *   <li>under a latency bound, a configuration whose verification lands above the bound (noise, drift) gives
 *       way to the measured configurations with more headroom ({@link LatencyBoundFallback}), each verified in
 *       turn; the first that meets the bound is kept, else the one verified fastest;</li>
 *   <li>without a latency bound, a recommended best <em>measured</em> configuration is judged by the mean of
 *       its sample and its verification: measured configurations whose samples beat that mean are verified too
 *       ({@link RunConfirmation}, a lucky run is not kept), and the one whose runs average best is kept.</li>
 * </ul>
 */
final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    /**
     * What the device was left in.
     *
     * @param verified      the measurement that stands as its verification
     * @param predicted     the models' prediction for it
     * @param verifications verification runs made
     * @param reason        why this configuration, for people
     */
    record Verified(Measurement verified, Performance predicted, int verifications, String reason) {
    }

    private final Device device;
    private final TuningRequest request;
    private final TuningListener listener;
    private final CancellationToken token;
    private final Objective objective;
    private final SpacePrediction prediction;
    private final List<Measurement> samples;

    Verifier(Device device, TuningRequest request, TuningListener listener, CancellationToken token,
             Objective objective, SpacePrediction prediction, List<Measurement> samples) {
        this.device = device;
        this.request = request;
        this.listener = listener;
        this.token = token;
        this.objective = objective;
        this.prediction = prediction;
        this.samples = List.copyOf(samples);
    }

    Verified verify(Recommendation recommendation) {
        Configuration chosen = recommendation.configuration();
        Performance predicted = new Performance(recommendation.predictedLatency(), recommendation.predictedEnergy());
        Measurement verified = applyAndMeasure(chosen, predicted);
        String reason = recommendation.reason();
        if (recommendation.basis() == Recommendation.Basis.PREDICTED_OPTIMUM) {
            Optional<Measurement> better = sampleBetterThan(verified);
            if (better.isPresent()) {
                Measurement sample = better.get();
                LOG.info("measured sample {} beats the predicted best {}: keeping the measured one",
                        text(sample.configuration()), text(chosen));
                reason = "measured sample beat the predicted best " + text(chosen) + " (verified " + format(verified)
                        + ")";
                predicted = prediction.of(sample.configuration()).orElse(predicted);
                apply(sample.configuration(), predicted);
                verified = sample;
            }
        }
        double bound = objective.latencyBound();
        if (verified.latency() > bound) {
            return keepWithinBound(bound, verified, predicted, reason);
        }
        if (recommendation.basis() == Recommendation.Basis.BEST_MEASURED && Double.isNaN(bound)) {
            return confirmed(verified, predicted, reason);
        }
        return new Verified(verified, predicted, 1, reason);
    }

    /**
     * The best measured configuration was applied and verified: while a measured configuration's sample beats
     * the mean of the applied one's runs, verifies that one too ({@link RunConfirmation}) and keeps the verified
     * configuration whose runs score best on average; its verification is the mean of its runs.
     */
    private Verified confirmed(Measurement verified, Performance predicted, String reason) {
        double minLatency = Optimizer.finiteMin(prediction.latency());
        double minEnergy = Optimizer.finiteMin(prediction.energy());
        RunConfirmation runs = new RunConfirmation(samples, m -> score(m, minLatency, minEnergy));
        runs.verified(verified);
        Configuration first = verified.configuration();
        int verifications = 1;
        Optional<Configuration> next = runs.challenger();
        while (next.isPresent() && verifications <= RunConfirmation.MAX_ATTEMPTS) {
            token.check();
            Configuration challenger = next.get();
            LOG.info("{} verified at {} (its {} runs average {}): verifying the measured {} ({}) too", text(first),
                    format(verified), runs.runs(first), format(runs.mean(first)), text(challenger),
                    format(runs.mean(challenger)));
            runs.verified(applyAndMeasure(challenger, prediction.of(challenger).orElse(predicted)));
            verifications++;
            next = runs.challenger();
        }
        Configuration kept = runs.best();
        Performance keptPredicted = kept.equals(first) ? predicted : prediction.of(kept).orElse(predicted);
        if (!device.current().equals(kept)) {
            apply(kept, keptPredicted);
        }
        if (kept.equals(first)) {
            return new Verified(runs.mean(kept), keptPredicted, verifications, verifications == 1 ? reason
                    : reason + "; confirmed against " + (verifications - 1) + " other measured configuration(s)");
        }
        LOG.info("keeping {} ({} over {} runs): {} averaged {} over {} runs", text(kept), format(runs.mean(kept)),
                runs.runs(kept), text(first), format(runs.mean(first)), runs.runs(first));
        return new Verified(runs.mean(kept), keptPredicted, verifications, reason + "; its verification ("
                + format(verified) + ") contradicted its sample, so the measured " + text(kept)
                + " whose runs average better was applied");
    }

    /**
     * The configuration in force met the latency bound when sampled (or predicted) but not when verified: tries
     * the measured configurations with more headroom and keeps the first whose verification meets the bound; if
     * none does, the one verified fastest.
     */
    private Verified keepWithinBound(double bound, Measurement failedVerification, Performance failedPredicted,
                                     String reason) {
        Configuration failed = failedVerification.configuration();
        Measurement expected = samples.stream().filter(m -> m.configuration().equals(failed)).findFirst()
                .orElseGet(() -> new Measurement(failed, failedPredicted.latency(), failedPredicted.energy()));
        Measurement kept = failedVerification;
        Performance keptPredicted = failedPredicted;
        int verifications = 1;
        for (Measurement fallback : LatencyBoundFallback.candidates(bound, samples, expected, failedVerification)) {
            token.check();
            LOG.warn("{} verified at {} s, above the {} s SLO (sampled at {} s): trying measured {} ({} s)",
                    text(failed), failedVerification.latency(), bound, expected.latency(),
                    text(fallback.configuration()), fallback.latency());
            Performance predicted = prediction.of(fallback.configuration()).orElse(failedPredicted);
            Measurement verified = applyAndMeasure(fallback.configuration(), predicted);
            verifications++;
            if (verified.latency() < kept.latency()) {
                kept = verified;
                keptPredicted = predicted;
            }
            if (verified.latency() <= bound) {
                return new Verified(verified, predicted, verifications, reason + "; " + text(failed)
                        + " missed the SLO on verification (" + format(failedVerification) + "), so the measured "
                        + text(fallback.configuration()) + " with more headroom was applied");
            }
        }
        if (!device.current().equals(kept.configuration())) {
            apply(kept.configuration(), keptPredicted);
        }
        LOG.warn("no measured configuration met the {} s SLO on verification; keeping {} (verified {} s)", bound,
                text(kept.configuration()), kept.latency());
        return new Verified(kept, keptPredicted, verifications,
                reason + "; no measured configuration met the SLO on verification");
    }

    /** The sample scoring best under the objective, if it scores better than {@code verified}. */
    private Optional<Measurement> sampleBetterThan(Measurement verified) {
        double minLatency = Optimizer.finiteMin(prediction.latency());
        double minEnergy = Optimizer.finiteMin(prediction.energy());
        Measurement best = null;
        for (Measurement m : samples) {
            if (best == null || score(m, minLatency, minEnergy) < score(best, minLatency, minEnergy)) {
                best = m;
            }
        }
        return Optional.ofNullable(best)
                .filter(b -> score(b, minLatency, minEnergy) < score(verified, minLatency, minEnergy));
    }

    private double score(Measurement m, double minLatency, double minEnergy) {
        return objective.score(m.latency(), m.energy(), minLatency, minEnergy);
    }

    /** Applies {@code c}, lets it settle and measures it. */
    private Measurement applyAndMeasure(Configuration c, Performance predicted) {
        apply(c, predicted);
        phase(SessionPhase.VERIFYING);
        token.sleep(request.settle());
        return device.measure(request.workload());
    }

    private void apply(Configuration c, Performance predicted) {
        phase(SessionPhase.APPLYING);
        device.apply(c);
        listener.reconfigured(new Reconfiguration(request.environment(), c, predicted));
    }

    private void phase(SessionPhase phase) {
        listener.phaseChanged(new PhaseChange(request.environment(), phase));
    }

    /** {@code c} for the reasons and logs people read: categorical software values by label. */
    private String text(Configuration c) {
        return SoftwareValues.text(device.describe().space(), c);
    }

    static String format(Measurement m) {
        return String.format(Locale.ROOT, "%.4f s, %.4g energy", m.latency(), m.energy());
    }
}
