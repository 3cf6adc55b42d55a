package org.tunerd.daemon.tuning;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.*;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.models.Datasets;
import org.tunerd.models.adapt.*;
import org.tunerd.models.data.*;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.StackedGpStrategy;

/**
 * Exploration (test class path, not a test): why the daemon's whole-space model is poor after a sequential
 * session. Runs the daemon's session on one TX2 target ({@code -Dtarget=xception_400x400}, source
 * {@code -Dsource=inceptionv3_600x600}, {@code -Dobjective=energy|latency}, {@code -Dbudget=19}), prints the
 * measured configurations, the held-out MAPE per option level, and the fitted ridge (penalty, weights per
 * standardised feature, sample spread of each feature). Run with {@code -Dtunerd.datasets=<shared/datasets>}.
 */
public final class SequentialModelProbeMain {
    static double[] gpInput(StackedGp model, StackedGp.Fitted fitted, Configuration c) throws Exception {
        Field ff = fitted.getClass().getDeclaredField("features");
        ff.setAccessible(true);
        java.lang.reflect.Method m = StackedGp.class.getDeclaredMethod("gpInput", TransferFeatures.class, Configuration.class);
        m.setAccessible(true);
        return (double[]) m.invoke(model, ff.get(fitted), c);
    }

    public static void main(String[] args) throws Exception {
        String t = System.getProperty("target", "xception_400x400");
        String src = System.getProperty("source", "inceptionv3_600x600");
        int budget = Integer.getInteger("budget", 19);
        String objective = System.getProperty("objective", "energy");
        ReplayDevice device = ReplayDevice.fromFolder(Datasets.tx2(), 0, 1);
        MeasurementSet source = StudyCsvReader.read(Datasets.tx2().resolve(src + ".csv"));
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
        StackedGpStrategy st = new StackedGpStrategy();
        for (Metric metric : Metric.values()) {
            StackedGpTransfer.LogModel model = (StackedGpTransfer.LogModel) st.fit(new Source(source), null, metric, samples);
            StackedGp.Fitted fitted = model.fitted();
            Map<String, Map<Double, double[]>> byLevel = new TreeMap<>();
            double total = 0;
            int n = 0;
            double worst = 0;
            Configuration worstC = null;
            for (Measurement x : truth.measurements()) {
                if (s.contains(x.configuration())) {
                    continue;
                }
                double ape = Math.abs(model.predict(x.configuration()) / x.value(metric) - 1);
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
            SourceModel sm = new Source(source).values();
            double shift = 0;
            for (Measurement m : samples) {
                shift += (Math.log(m.value(metric)) - sm.logValue(metric, m.configuration())) / samples.size();
            }
            Field pf0 = fitted.getClass().getDeclaredField("process");
            pf0.setAccessible(true);
            GaussianProcess gp0 = (GaussianProcess) pf0.get(fitted);
            double eShift = 0;
            double eNoGp = 0;
            for (Measurement x : truth.measurements()) {
                if (s.contains(x.configuration())) {
                    continue;
                }
                double v = x.value(metric);
                eShift += Math.abs(Math.exp(sm.logValue(metric, x.configuration()) + shift) / v - 1) / n;
                Field mf0 = fitted.getClass().getDeclaredField("model");
                mf0.setAccessible(true);
                double gpMean = gp0 == null ? 0 : gp0.predict(gpInput((StackedGp) mf0.get(fitted), fitted, x.configuration())).mean();
                eNoGp += Math.abs(Math.exp(fitted.predictLog(x.configuration()).mean() - gpMean) / v - 1) / n;
            }
            System.out.printf("  pure source shift: MAPE %.2f%%; model without its GP: %.2f%%%n", 100 * eShift, 100 * eNoGp);
            Field mf = fitted.getClass().getDeclaredField("model");
            mf.setAccessible(true);
            System.out.println("  chosen model: " + mf.get(fitted));
            Field rf = fitted.getClass().getDeclaredField("ridge");
            rf.setAccessible(true);
            Ridge r = (Ridge) rf.get(fitted);
            System.out.printf("  ridge lambda=%.3g intercept=%.4f%n", r.lambda(), r.intercept());
            System.out.println("  columns: [src log lat, src log energy, physical...] (physical normalised over the full grid)");
            for (int j = 0; j < r.weights().length; j++) {
                System.out.printf("   col %d: w(std)=%+.4f sample mean=%.3f sample sd=%.4f raw coef=%+.3f%n", j, r.weights()[j],
                        r.mean()[j], r.scale()[j], r.weights()[j] / r.scale()[j]);
            }
            Field pf = fitted.getClass().getDeclaredField("process");
            pf.setAccessible(true);
            System.out.println("  gp: " + pf.get(fitted));
            // decompose error at the worst configuration: source shift vs ridge vs gp
            GaussianProcess.Prediction p = fitted.predictLog(worstC);
            System.out.printf("  at worst: predicted log %.3f, truth log %.3f%n", p.mean(),
                    Math.log(truth.find(worstC).orElseThrow().value(metric)));
        }
    }
}
