package org.tunerd.study.explore;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.tuning.CancellationToken;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningRequest;
import org.tunerd.daemon.tuning.TuningSession;
import org.tunerd.models.adapt.Ridge;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.data.StudyCsvReader;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;

/**
 * Exploration: why the daemon's whole-space model is poor after a sequential session. Runs the daemon's
 * session on one TX2 target ({@code -Dtarget=xception_400x400}, source {@code -Dsource=inceptionv3_600x600},
 * {@code -Dobjective=energy|latency}, {@code -Dbudget=19}), fits the daemon's model
 * ({@link StackedGp#recommended()}, as {@code STACKED-GP} fits it from one source) on the measured samples and
 * prints the measured configurations, the held-out MAPE per option level, the pure source shift and the model
 * without its GP (the ridge-only twin), and the fitted ridge (penalty, weights per standardised feature,
 * sample spread of each feature). Data from {@code -Dtunerd.datasets=<shared/datasets>}.
 */
public final class SequentialModelProbeMain {

    public static void main(String[] args) {
        String t = System.getProperty("target", "xception_400x400");
        String src = System.getProperty("source", "inceptionv3_600x600");
        int budget = Integer.getInteger("budget", 19);
        String objective = System.getProperty("objective", "energy");
        ReplayDevice device = ReplayDevice.fromFolder(StudyData.tx2(), 0, 1);
        MeasurementSet source = StudyCsvReader.read(StudyData.tx2().resolve(src + ".csv"));
        String dnn = t.substring(0, t.indexOf('_'));
        int size = Integer.parseInt(t.substring(t.indexOf('_') + 1, t.indexOf('x', t.indexOf('_'))));
        Workload w = Workload.of(dnn, size, size);
        MeasurementSet truth = device.data(w);
        TuningRequest req = new TuningRequest(w.environment(device.describe().hardware()), w,
                objective.equals("energy") ? new Objective.MinEnergy() : new Objective.MinLatency(), "stacked-gp", "rf",
                budget, List.of(), Duration.ZERO, w.environment(device.describe().hardware()).id().hashCode(), List.of());
        List<Measurement> samples = new TuningSession(device, req, List.of(new Source(source)), new TuningListener() { },
                new CancellationToken()).run().samples();
        Set<Configuration> s = new HashSet<>();
        System.out.println("samples (" + samples.size() + "):");
        for (Measurement m : samples) {
            s.add(m.configuration());
            System.out.printf("  %s lat=%.4f en=%.1f%n", m.configuration().values(), m.latency(), m.value(Metric.ENERGY));
        }
        // the features STACKED-GP fits on: the samples seen from the source, normalised over the samples and
        // the source's configurations
        SourceModel sm = new SourceModel(source);
        List<Configuration> configurations = samples.stream().map(Measurement::configuration).toList();
        TransferFeatures features = TransferFeatures.of(List.of(sm), configurations, source.configurations());
        int[] train = new int[samples.size()];
        for (int k = 0; k < train.length; k++) {
            train[k] = k;
        }
        StackedGp daemonModel = StackedGp.recommended();
        for (Metric metric : Metric.values()) {
            double[] logY = samples.stream().mapToDouble(m -> Math.log(m.value(metric))).toArray();
            StackedGp.Fitted fitted = daemonModel.train(features, metric, train, logY);
            StackedGp chosen = fitted.model();
            StackedGp.Fitted ridgeOnly = new StackedGp(chosen.sourcePrior(), chosen.lambda(), StackedGp.GpMode.NONE,
                    chosen.lengthScale(), chosen.noiseFraction(), chosen.gpOnSource(), chosen.kernel(), chosen.scaling(),
                    chosen.ridgeReach()).train(features, metric, train, logY);
            Map<String, Map<Double, double[]>> byLevel = new TreeMap<>();
            double total = 0;
            int n = 0;
            double worst = 0;
            Configuration worstC = null;
            for (Measurement x : truth.measurements()) {
                if (s.contains(x.configuration())) {
                    continue;
                }
                double ape = Math.abs(Math.exp(fitted.predictLog(x.configuration()).mean()) / x.value(metric) - 1);
                total += ape;
                n++;
                if (ape > worst) {
                    worst = ape;
                    worstC = x.configuration();
                }
                for (var e : x.configuration().values().entrySet()) {
                    double[] acc = byLevel.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).computeIfAbsent(e.getValue(), k -> new double[2]);
                    acc[0] += ape;
                    acc[1]++;
                }
            }
            System.out.printf("%n%s: held-out MAPE %.2f%% over %d rows; worst %.0f%% at %s%n", metric, 100 * total / n, n,
                    100 * worst, worstC.values());
            for (var e : byLevel.entrySet()) {
                StringBuilder sb = new StringBuilder("  " + e.getKey() + ":");
                for (var l : e.getValue().entrySet()) {
                    sb.append(String.format(" %.4g=%.1f%%", l.getKey(), 100 * l.getValue()[0] / l.getValue()[1]));
                }
                System.out.println(sb);
            }
            // the pure source shift (the prior the ridge shrinks to) and the model without its GP
            double shift = 0;
            for (Measurement m : samples) {
                shift += (Math.log(m.value(metric)) - sm.logValue(metric, m.configuration())) / samples.size();
            }
            double eShift = 0;
            double eNoGp = 0;
            for (Measurement x : truth.measurements()) {
                if (s.contains(x.configuration())) {
                    continue;
                }
                double v = x.value(metric);
                eShift += Math.abs(Math.exp(sm.logValue(metric, x.configuration()) + shift) / v - 1) / n;
                eNoGp += Math.abs(Math.exp(ridgeOnly.predictLog(x.configuration()).mean()) / v - 1) / n;
            }
            System.out.printf("  pure source shift: MAPE %.2f%%; model without its GP: %.2f%%%n", 100 * eShift, 100 * eNoGp);
            System.out.println("  chosen model: " + chosen);
            fitted.ridge().ifPresentOrElse(r -> printRidge(r), () -> System.out.println("  no ridge (under 3 samples)"));
            // decompose error at the worst configuration: source shift vs ridge vs gp
            System.out.printf("  at worst: predicted log %.3f, truth log %.3f%n", fitted.predictLog(worstC).mean(),
                    Math.log(truth.find(worstC).orElseThrow().value(metric)));
        }
    }

    private static void printRidge(Ridge r) {
        System.out.printf("  ridge lambda=%.3g intercept=%.4f%n", r.lambda(), r.intercept());
        System.out.println("  columns: [src log lat, src log energy, physical...] (physical normalised over the full grid)");
        for (int j = 0; j < r.weights().length; j++) {
            System.out.printf("   col %d: w(std)=%+.4f sample mean=%.3f sample sd=%.4f raw coef=%+.3f%n", j, r.weights()[j],
                    r.mean()[j], r.scale()[j], r.weights()[j] / r.scale()[j]);
        }
    }
}
