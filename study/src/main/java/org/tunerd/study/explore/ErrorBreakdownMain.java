package org.tunerd.study.explore;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

/** Exploration: where the stacked GP's errors sit, by option value (mean absolute % error over 20 seeds). */
public final class ErrorBreakdownMain {
    public static void main(String[] args) {
        MeasurementSet source = StudyData.read("inceptionv3_600x600");
        MeasurementSet target = StudyData.read(args.length > 0 ? args[0] : "xception_800x800");
        Metric metric = Metric.parse(args.length > 1 ? args[1] : "energy");
        TransferFeatures f = new TransferFeatures(new SourceModel(source), target.space(), target.configurations());
        double[] err = new double[f.size()];
        double[] signed = new double[f.size()];
        int[] cnt = new int[f.size()];
        for (int seed = 0; seed < 20; seed++) {
            int[] train = Designs.maximin(f, 19, new int[0], new Random(seed));
            double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).value(metric))).toArray();
            double[] mean = StackedGp.standard().fit(f, metric, train, y).mean();
            java.util.Set<Integer> t = new java.util.HashSet<>();
            for (int i : train) {
                t.add(i);
            }
            for (int i = 0; i < f.size(); i++) {
                if (!t.contains(i)) {
                    double e = Math.exp(mean[i]) / target.get(i).value(metric) - 1;
                    err[i] += Math.abs(e);
                    signed[i] += e;
                    cnt[i]++;
                }
            }
        }
        for (String option : target.space().names()) {
            TreeMap<Double, double[]> by = new TreeMap<>();
            for (int i = 0; i < f.size(); i++) {
                double[] a = by.computeIfAbsent(f.candidate(i).get(option), k -> new double[3]);
                a[0] += err[i] / cnt[i];
                a[1] += signed[i] / cnt[i];
                a[2]++;
            }
            StringBuilder sb = new StringBuilder(option + ":");
            by.forEach((v, a) -> sb.append(String.format(java.util.Locale.ROOT, " %.3g=%.1f%%(%+.1f)", v,
                    100 * a[0] / a[2], 100 * a[1] / a[2])));
            System.out.println(sb);
        }
    }
}
