package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.SessionFailure;
import org.tunerd.daemon.tuning.SessionStart;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.optimize.Optimizer;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/**
 * Prints each adaptation of {@code tunerd simulate} for people, and scores it against the truth (the
 * simulated board's noise-free model, or the measured data set a replay device answers from): gain over
 * the all-maximum setting and regret against the true optimum.
 */
final class SimulationPrinter implements TuningListener {

    /**
     * One finished adaptation, scored against the noise-free truth; the MAPEs are the fitted models' errors
     * in % over the true rows the session did not measure.
     */
    record Adaptation(Environment environment, TuningOutcome outcome, double gainPercent, double regretPercent,
                      double latencyMape, double energyMape) {
    }

    private final PrintWriter out;
    private final Objective objective;
    private final BlockingQueue<Optional<Adaptation>> done = new LinkedBlockingQueue<>();
    private volatile Function<Workload, MeasurementSet> truth;

    SimulationPrinter(PrintWriter out, Objective objective) {
        this.out = out;
        this.objective = objective;
    }

    /** Where the true values come from: the simulator's noise-free model, or the measured data set. */
    void useTruth(Function<Workload, MeasurementSet> truth) {
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
        Workload workload = Workload.of(o.environment().dnn(), o.environment().width(), o.environment().height());
        MeasurementSet truth = this.truth.apply(workload);
        double[] latency = truth.values(org.tunerd.models.data.Metric.LATENCY);
        double[] energy = truth.values(org.tunerd.models.data.Metric.ENERGY);
        Optimizer.Choice best = Optimizer.best(objective, truth.configurations(), latency, energy);
        Measurement chosen = truth.find(o.applied()).orElseThrow();
        Measurement maximum = truth.find(truth.space().maximum()).orElseThrow();
        double value = score(chosen);
        double bestValue = score(new Measurement(best.configuration(), best.latency(), best.energy()));
        double gain = 100 * (1 - value / score(maximum));
        double regret = 100 * (value / bestValue - 1);
        out.printf("    measurements: %d (%d samples + %d verification%s)%n", o.measurementsUsed(), o.samples().size(),
                o.verifications(), o.verifications() == 1 ? "" : "s");
        out.printf("    chosen:       %s%n", o.applied());
        out.printf(Locale.ROOT, "    predicted:    %.4f s, %.4f J   measured: %.4f s, %.4f J%n", o.predicted().latency(),
                o.predicted().energy(), o.verified().latency(), o.verified().energy());
        out.printf(Locale.ROOT, "    all-maximum:  %.4f s, %.4f J   -> %s %.1f%% lower with the chosen configuration%n",
                maximum.latency(), maximum.energy(), metricName(), gain);
        out.printf(Locale.ROOT, "    true optimum: %s %.4f -> regret %.1f%%   (true values: noise-free model or measured data)%n",
                metricName(), bestValue, regret);
        double[] mape = mape(o, truth);
        out.printf(Locale.ROOT, "    model MAPE:   latency %.2f%%, energy %.2f%% over the %d true rows not measured%n",
                mape[0], mape[1], (int) mape[2]);
        out.flush();
        done.add(Optional.of(new Adaptation(o.environment(), o, gain, regret, mape[0], mape[1])));
    }

    /** Latency and energy MAPE in % of the whole-space predictions over the true rows not sampled, and their count. */
    private static double[] mape(TuningOutcome o, MeasurementSet truth) {
        java.util.Map<Configuration, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < o.prediction().size(); i++) {
            index.put(o.prediction().configurations().get(i), i);
        }
        java.util.Set<Configuration> sampled = new java.util.HashSet<>();
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

    private double score(Measurement m) {
        return objective instanceof Objective.MinLatency ? m.latency() : m.energy();
    }

    private String metricName() {
        return objective instanceof Objective.MinLatency ? "latency" : "energy";
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
