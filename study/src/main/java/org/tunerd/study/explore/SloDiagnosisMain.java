package org.tunerd.study.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tunerd.models.adapt.Goal;
import org.tunerd.models.adapt.SequentialOptimiser;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * Exploration: runs the latency-SLO policy (minimum energy with latency at most the target's
 * median) of the default sequential optimiser exactly as {@code AdaptStudy} does (same candidates per seed,
 * measured source values, budget 19) and prints, for every run whose applied configuration is more than
 * {@code -Dthreshold} (default 3) % above the best feasible energy, what was measured in order, what was
 * applied, and what the final latency and energy models believed about the truly cheapest feasible
 * candidates (predicted latency, sd, probability of feasibility with the plain and the leave-one-out widened
 * sd, predicted energy). Ends with the excess per target, over all targets, how often the best feasible
 * configuration was measured at all, and how close the applied configuration's latency is to the bound.
 * Properties: {@code source}, {@code fraction} (target rows kept), {@code seeds}, {@code threshold},
 * {@code quiet} (summaries only).
 */
public final class SloDiagnosisMain {
    public static void main(String[] args) {
        int budget = 19;
        int seeds = Integer.parseInt(System.getProperty("seeds", "20"));
        double fraction = Double.parseDouble(System.getProperty("fraction", "1"));
        double threshold = Double.parseDouble(System.getProperty("threshold", "3"));
        String src = System.getProperty("source", "inceptionv3_600x600");
        MeasurementSet source = StudyData.read(src);
        SourceModel raw = new SourceModel(source, false);
        SequentialOptimiser.Settings settings = SequentialOptimiser.Settings.standard(budget);
        List<Double> all = new ArrayList<>();
        List<Double> margin = new ArrayList<>();
        int hits = 0;
        int infeasible = 0;
        for (String name : List.of("inceptionv3_600x600", "xception_200x200", "xception_400x400", "xception_600x600",
                "xception_800x800")) {
            if (name.equals(src)) {
                continue;
            }
            MeasurementSet target = StudyData.read(name);
            List<Double> excesses = new ArrayList<>();
            for (int seed = 0; seed < seeds; seed++) {
                List<Measurement> rows = target.measurements();
                if (fraction < 1) {
                    List<Measurement> shuffled = new ArrayList<>(rows);
                    Collections.shuffle(shuffled, new Random(1_000_003L * seed + 7));
                    rows = List.copyOf(shuffled.subList(0, Math.max(budget + 2, (int) Math.round(rows.size() * fraction))));
                }
                List<Configuration> cands = rows.stream().map(Measurement::configuration).toList();
                TransferFeatures f = new TransferFeatures(raw, target.space(), cands);
                double[] lat = rows.stream().mapToDouble(Measurement::latency).toArray();
                double[] en = rows.stream().mapToDouble(Measurement::energy).toArray();
                double bound = median(lat);
                int bestF = -1;
                for (int i = 0; i < lat.length; i++) {
                    if (lat[i] <= bound && (bestF < 0 || en[i] < en[bestF])) {
                        bestF = i;
                    }
                }
                SequentialOptimiser opt = new SequentialOptimiser(f, Goal.minEnergyWithin(bound), settings, seed);
                while (!opt.shouldStop()) {
                    opt.observe(rows.get(f.indexOf(opt.next())));
                }
                Measurement chosen = opt.best().orElseThrow();
                List<Integer> measured = opt.observed().stream().map(m -> f.indexOf(m.configuration())).toList();
                double excess = 100 * (chosen.energy() / en[bestF] - 1);
                if (chosen.latency() > bound) {
                    infeasible++;
                    System.out.printf(Locale.ROOT, "INFEASIBLE %s seed %d%n", name, seed);
                    continue;
                }
                excesses.add(excess);
                all.add(excess);
                margin.add(chosen.latency() / bound);
                hits += measured.contains(bestF) ? 1 : 0;
                if (excess <= threshold || Boolean.getBoolean("quiet")) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "%n=== %s seed %d: excess %.1f%%, bound %.4f s, best feasible %s lat %.4f en %.1f%n",
                        name, seed, excess, bound, cands.get(bestF), lat[bestF], en[bestF]);
                int[] train = measured.stream().mapToInt(Integer::intValue).toArray();
                double[] ly = Arrays.stream(train).mapToDouble(i -> Math.log(lat[i])).toArray();
                double[] ey = Arrays.stream(train).mapToDouble(i -> Math.log(en[i])).toArray();
                StackedGp.Fit fl = settings.model().fit(f, Metric.LATENCY, train, ly);
                StackedGp.Fit fe = settings.model().fit(f, Metric.ENERGY, train, ey);
                double cal = settings.model().looCalibration(f, Metric.LATENCY, train, ly);
                System.out.printf(Locale.ROOT, "latency LOO calibration %.2f; measured (in order):%n", cal);
                for (int k = 0; k < train.length; k++) {
                    int i = train[k];
                    System.out.printf(Locale.ROOT, "  %2d %-60s lat %.4f %s en %7.1f (%+.1f%%)%n", k + 1, cands.get(i),
                            lat[i], lat[i] <= bound ? "ok " : "BAD", en[i], 100 * (en[i] / en[bestF] - 1));
                }
                System.out.printf(Locale.ROOT, "applied %s lat %.4f en %.1f%n", chosen.configuration(), chosen.latency(),
                        chosen.energy());
                // the truly cheapest feasible candidates and what the final model thinks of them
                Integer[] order = new Integer[lat.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Double.compare(en[a], en[b]));
                System.out.println("cheapest truly feasible candidates, final model view:");
                int shown = 0;
                for (int i : order) {
                    if (lat[i] > bound) {
                        continue;
                    }
                    double z = (Math.log(bound) - fl.mean()[i]) / fl.sd()[i];
                    System.out.printf(Locale.ROOT,
                            "  %-60s en %7.1f (%+.1f%%) lat %.4f (%.3f of bound) | pred lat %.4f sd %.3f P(feas) %.2f (cal %.2f) pred en %.1f %s%n",
                            cands.get(i), en[i], 100 * (en[i] / en[bestF] - 1), lat[i], lat[i] / bound,
                            Math.exp(fl.mean()[i]), fl.sd()[i], SequentialOptimiser.normalCdf(z),
                            SequentialOptimiser.normalCdf(z / cal), Math.exp(fe.mean()[i]),
                            measured.contains(i) ? "MEASURED" : "");
                    if (++shown >= 8) {
                        break;
                    }
                }
            }
            double mean = excesses.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double max = excesses.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            long over = excesses.stream().filter(e -> e > threshold).count();
            System.out.printf(Locale.ROOT, "## %s: mean excess %.2f%%, worst %.1f%%, %d runs over %.0f%%: %s%n", name, mean,
                    max, over, threshold, excesses.stream().map(e -> String.format(Locale.ROOT, "%.1f", e)).toList());
        }
        summary(all, infeasible);
        System.out.printf(Locale.ROOT, "ALL best feasible measured in %d of %d runs; applied latency / bound: median %.3f, "
                + "max %.3f, %d runs above 0.97%n", hits, all.size() + infeasible,
                margin.stream().sorted().toList().get(margin.size() / 2), margin.stream().mapToDouble(Double::doubleValue)
                        .max().orElse(0), margin.stream().filter(m -> m > 0.97).count());
    }

    private static void summary(List<Double> all, int infeasible) {
        System.out.printf(Locale.ROOT, "ALL %s: mean excess %.2f%%, worst %.1f%%, runs over 3%%: %d, infeasible runs: %d of %d%n",
                System.getProperty("slo.variant", ""), all.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                all.stream().mapToDouble(Double::doubleValue).max().orElse(0), all.stream().filter(e -> e > 3).count(),
                infeasible, all.size() + infeasible);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
