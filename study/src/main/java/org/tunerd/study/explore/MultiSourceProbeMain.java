package org.tunerd.study.explore;

import java.time.Duration;
import java.util.*;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.replay.ReplayDevice;
import org.tunerd.daemon.tuning.CancellationToken;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningRequest;
import org.tunerd.daemon.tuning.TuningSession;
import org.tunerd.models.adapt.*;
import org.tunerd.models.data.*;
import org.tunerd.models.learn.Model;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.transfer.Source;
import org.tunerd.models.transfer.StackedGpStrategy;

/**
 * Exploration: held-out MAPE of the STACKED-GP models on each TX2 environment
 * as target, with every other environment as a source in the daemon's order (nearest first), fitted from
 * one source (each alone) and from all of them ({@code avg+stack} = the daemon's multi-source fit, {@code
 * avg} = without the all-sources model, {@code stackedOnly} = one model on all sources' columns). Samples:
 * the 19 the daemon's sequential optimiser measures ({@code -Dobjective=energy|latency}), or with {@code
 * -Dplan=true} the strategy's maximin-rank plan. Run with {@code -Dtunerd.datasets=<shared/datasets>}.
 */
public final class MultiSourceProbeMain {
    static double mape(Model m, MeasurementSet t, Set<Configuration> s, Metric metric) {
        double e = 0; int n = 0;
        for (Measurement x : t.measurements()) if (!s.contains(x.configuration())) { e += Math.abs(m.predict(x.configuration()) / x.value(metric) - 1); n++; }
        return 100 * e / n;
    }
    public static void main(String[] args) {
        String[] names = {"inceptionv3_600x600", "xception_200x200", "xception_400x400", "xception_600x600", "xception_800x800"};
        ReplayDevice device = ReplayDevice.fromFolder(StudyData.tx2(), 0, 1);
        Map<String, MeasurementSet> data = new LinkedHashMap<>();
        for (String n : names) data.put(n, StudyCsvReader.read(StudyData.tx2().resolve(n + ".csv")));
        String[][] order = {
            {"inceptionv3_600x600", "xception_600x600", "xception_800x800", "xception_400x400", "xception_200x200"},
            {"xception_200x200", "xception_400x400", "xception_600x600", "xception_800x800", "inceptionv3_600x600"},
            {"xception_400x400", "xception_600x600", "xception_200x200", "xception_800x800", "inceptionv3_600x600"},
            {"xception_600x600", "xception_800x800", "xception_400x400", "xception_200x200", "inceptionv3_600x600"},
            {"xception_800x800", "xception_600x600", "xception_400x400", "xception_200x200", "inceptionv3_600x600"}};
        String objective = System.getProperty("objective", "energy");
        for (String[] o : order) {
            String t = o[0];
            String dnn = t.substring(0, t.indexOf('_'));
            int size = Integer.parseInt(t.substring(t.indexOf('_') + 1, t.indexOf('x', t.indexOf('_'))));
            Workload w = Workload.of(dnn, size, size);
            MeasurementSet truth = device.data(w);
            List<MeasurementSet> srcs = new ArrayList<>();
            for (int i = 1; i < o.length; i++) srcs.add(data.get(o[i]));
            TuningRequest req = new TuningRequest(w.environment(device.describe().hardware()), w,
                objective.equals("energy") ? new Objective.MinEnergy() : new Objective.MinLatency(), "stacked-gp", "rf", 19, List.of(), Duration.ZERO,
                w.environment(device.describe().hardware()).id().hashCode(), List.of());
            List<Measurement> samples;
            if (Boolean.getBoolean("plan")) {
                samples = new StackedGpStrategy().plan(new Source(srcs.get(0)), truth.configurations(), 19, new Random(req.seed()))
                        .stream().map(c -> truth.find(c).orElseThrow()).toList();
            } else {
                samples = new TuningSession(device, req, List.of(new Source(srcs.get(0))), new TuningListener() {}, new CancellationToken()).run().samples();
            }
            Set<Configuration> s = new HashSet<>();
            samples.forEach(m -> s.add(m.configuration()));
            List<Source> sources = srcs.stream().map(Source::new).toList();
            StackedGp base = StackedGp.standard().withKernel(GaussianProcess.Kernel.ADDITIVE);
            for (Metric metric : Metric.values()) {
                StringBuilder sb = new StringBuilder(t + " " + metric + ":");
                StackedGpStrategy st = new StackedGpStrategy();
                for (Source so : sources) sb.append(String.format(" %s=%.2f", so.data().environment().dnn().charAt(0) + "" + so.data().environment().width(), mape(st.fit(so, null, metric, samples), truth, s, metric)));
                List<SourceModel> sms = sources.stream().map(Source::values).toList();
                List<Configuration> cs = samples.stream().map(Measurement::configuration).toList();
                TransferFeatures f = TransferFeatures.of(sms, cs, sources.get(0).data().configurations());
                int[] tr = new int[cs.size()]; double[] y = new double[cs.size()];
                for (int k = 0; k < tr.length; k++) { tr[k] = k; y[k] = Math.log(samples.get(k).value(metric)); }
                // the daemon's multi-source fit (STACKED-GP from several sources): per-source models and the stacked one, averaged
                SourceAverage.Fitted daemonFit = new SourceAverage("avg+stack", StackedGp.recommended(), true).train(f, metric, tr, y);
                Model pooled = c -> Math.exp(daemonFit.predictLog(c));
                sb.append(String.format(" | avg+stack=%.2f w=%s", mape(pooled, truth, s, metric), Arrays.toString(Arrays.stream(daemonFit.weights()).map(x -> Math.round(x * 100) / 100.0).toArray())));
                // per-source only, via SourceAverage without stacked
                SourceAverage.Fitted nf = new SourceAverage("x", base, false).train(f, metric, tr, y);
                Model noStack = c -> Math.exp(nf.predictLog(c));
                sb.append(String.format(" | avg=%.2f", mape(noStack, truth, s, metric)));
                StackedGp.Fitted stacked = base.train(f, metric, tr, y);
                Model stk = c -> Math.exp(stacked.predictLog(c).mean());
                sb.append(String.format(" | stackedOnly=%.2f", mape(stk, truth, s, metric)));
                System.out.println(sb);
            }
        }
    }
}
