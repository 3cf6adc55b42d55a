package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;

/**
 * Prints each adaptation of {@code tunerd simulate} for people, and scores it against the truth (the
 * simulated board's noise-free model, or the measured data set a replay device answers from) over the
 * configurations the device offers: gain over the all-maximum setting, regret against the true optimum,
 * the model's MAPE, and the two baselines of {@link Scoring} with as many measurements as the session's
 * samples.
 */
final class SimulationPrinter implements TuningListener {

    /**
     * One finished adaptation, scored against the truth; the MAPEs are the fitted models' errors in % over
     * the true rows the session did not measure ({@code mapeRows} of them).
     *
     * @param gainPercent       % below the all-maximum configuration (NaN if the truth lacks it)
     * @param regretPercent     regret of the applied configuration (infinite if it misses a latency bound)
     * @param random            the best of as many random measurements as the session's samples
     * @param sourceTop         regret of the best of the source's predicted top configurations (empty: cold
     *                          start or no prediction)
     * @param offered           configurations offered by the device that have a true value
     * @param samplesNotInTruth samples of configurations without a true value (0 when the device offers
     *                          only what the data measured)
     */
    record Adaptation(Environment environment, TuningOutcome outcome, double gainPercent, double regretPercent,
                      double latencyMape, double energyMape, int mapeRows, Scoring.Expectation random,
                      OptionalDouble sourceTop, int offered, int samplesNotInTruth, EnergyUnit energyUnit) {
    }

    /**
     * Where true values and sources come from during one daemon run.
     *
     * @param truth   the true values of a workload's environment
     * @param offered the configurations the device offers
     * @param sources a stored source environment's data (for the source's predictions), if known
     */
    record Truth(Function<Workload, MeasurementSet> truth, ConfigurationSpace offered,
                 Function<Environment, Optional<MeasurementSet>> sources) {
    }

    private final PrintWriter out;
    private final Objective objective;
    private final String scoreName;
    private final SourcePredictions predictions;
    private final BlockingQueue<Optional<Adaptation>> done = new LinkedBlockingQueue<>();
    private volatile Truth truth;

    /** @param scoreName what the objective's score is, for people: {@code energy}, {@code latency}, ... */
    SimulationPrinter(PrintWriter out, Objective objective, String scoreName, SourcePredictions predictions) {
        this.out = out;
        this.objective = objective;
        this.scoreName = scoreName;
        this.predictions = predictions;
    }

    /** Where the true values come from until the next call. */
    void use(Truth truth) {
        this.truth = truth;
    }

    @Override
    public void started(SessionStart start) {
        out.printf("    %s: %s%s%n", start.source().map(s -> "transfer from " + s
                        + (start.extraSources().isEmpty() ? "" : " (models also from " + start.extraSources() + ")")
                        + " with " + start.strategy())
                .orElse("cold start (no stored environment to transfer from): uniform sample"),
                start.sequential() ? "up to " + start.budget() + " configurations, chosen one at a time (expected improvement)"
                        : start.plan().size() + " configurations planned",
                start.resumed() ? " (stored measurements reused)" : "");
        out.flush();
    }

    @Override
    public void finished(TuningOutcome o) {
        Truth now = this.truth;
        MeasurementSet data = now.truth().apply(Workload.of(o.environment()));
        Scoring scoring = new Scoring(objective, data, now.offered());
        String unit = data.energyUnit().symbol();
        Measurement chosen = data.find(o.applied()).orElseThrow();
        Optional<Measurement> maximum = data.find(data.space().maximum());
        double regret = scoring.regretPercent(o.applied());
        double gain = maximum.map(m -> 100 * (1 - scoring.score(chosen) / scoring.score(m))).orElse(Double.NaN);
        int samples = Math.max(1, o.samples().size());
        Scoring.Expectation random = scoring.randomBest(samples);
        OptionalDouble sourceTop = o.source().flatMap(now.sources())
                .flatMap(s -> predictions.topRegret(scoring, s, samples)).map(OptionalDouble::of)
                .orElse(OptionalDouble.empty());
        int notInTruth = (int) o.samples().stream().filter(m -> scoring.truth(m.configuration()).isEmpty()).count();

        out.printf("    measurements: %d (%d samples + %d verification%s)%n", o.measurementsUsed(), samples,
                o.verifications(), o.verifications() == 1 ? "" : "s");
        out.printf("    chosen:       %s%n", SoftwareValues.text(now.offered(), o.applied()));
        out.printf(Locale.ROOT, "    predicted:    %.4f s, %.4f %s   measured: %.4f s, %.4f %s%n", o.predicted().latency(),
                o.predicted().energy(), unit, o.verified().latency(), o.verified().energy(), unit);
        if (maximum.isPresent()) {
            out.printf(Locale.ROOT, "    all-maximum:  %.4f s, %.4f %s   -> %s %.1f%% lower with the chosen configuration%n",
                    maximum.get().latency(), maximum.get().energy(), unit, metricName(), gain);
        } else {
            out.printf("    all-maximum:  %s not measured in the data%n", data.space().maximum());
        }
        out.printf(Locale.ROOT, "    true optimum: %s %.4f -> regret %s   (true values: noise-free model or measured data)%n",
                metricName(), scoring.bestScore(), percent(regret));
        out.printf(Locale.ROOT, "    baselines:    best of %d random: expected regret %s%s; source's predicted top %d: %s"
                        + "   (over the %d configurations offered)%n", samples, percent(random.regretPercent()),
                random.missProbability() > 0 ? String.format(Locale.ROOT, " (no configuration within the bound: %.1f%%)",
                        100 * random.missProbability()) : "", samples,
                sourceTop.isPresent() ? "regret " + percent(sourceTop.getAsDouble()) : "n/a", scoring.offered());
        double[] mape = mape(o, data);
        out.printf(Locale.ROOT, "    model MAPE:   latency %.2f%%, energy %.2f%% over the %d true rows not measured%n",
                mape[0], mape[1], (int) mape[2]);
        if (notInTruth > 0) {
            out.printf("    WARNING: %d samples have no true value%n", notInTruth);
        }
        out.flush();
        done.add(Optional.of(new Adaptation(o.environment(), o, gain, regret, mape[0], mape[1], (int) mape[2], random,
                sourceTop, scoring.offered(), notInTruth, data.energyUnit())));
    }

    /** {@code 12.3%}, {@code miss} for a missed bound, {@code n/a} for NaN. */
    static String percent(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return Double.isInfinite(p) ? "miss" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** Latency and energy MAPE in % of the whole-space predictions over the true rows not sampled, and their count. */
    private static double[] mape(TuningOutcome o, MeasurementSet truth) {
        Map<Configuration, Integer> index = new HashMap<>();
        for (int i = 0; i < o.prediction().size(); i++) {
            index.put(o.prediction().configurations().get(i), i);
        }
        Set<Configuration> sampled = new HashSet<>();
        o.samples().forEach(m -> sampled.add(m.configuration()));
        double[] latency = o.prediction().latency();
        double[] energy = o.prediction().energy();
        double lat = 0;
        double en = 0;
        int n = 0;
        for (Measurement t : truth.measurements()) {
            Integer i = index.get(t.configuration());
            if (i == null || sampled.contains(t.configuration())) {
                continue;
            }
            lat += Math.abs(latency[i] / t.latency() - 1);
            en += Math.abs(energy[i] / t.energy() - 1);
            n++;
        }
        return new double[] {100 * lat / n, 100 * en / n, n};
    }

    @Override
    public void failed(SessionFailure failure) {
        out.printf("    FAILED: %s (device rolled back)%n", failure.reason());
        out.flush();
        done.add(Optional.empty());
    }

    private String metricName() {
        return scoreName;
    }

    /** Waits for the next adaptation to finish; empty if it failed. */
    Optional<Adaptation> awaitNext(long timeoutSeconds) throws InterruptedException {
        Optional<Adaptation> next = done.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (next == null) {
            throw new IllegalStateException("no adaptation finished within " + timeoutSeconds + " s");
        }
        return next;
    }
}
