package org.tunerd.study.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.GaussianProcess;
import org.tunerd.models.adapt.SourceAverage;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.study.eval.Regret;
import org.tunerd.study.predictors.AutoPredictor;
import org.tunerd.study.predictors.Predictors;

/**
 * Exploration: MAPE of prediction variants at one budget, maximin design, per target.
 * {@code -Dsource=name} (or {@code all}: every other environment stacked), {@code -Dfraction=0.5}.
 */
public final class EnergyStudyMain {
    public static void main(String[] args) {
        int budget = Integer.parseInt(System.getProperty("budget", "19"));
        int seeds = Integer.parseInt(System.getProperty("seeds", "20"));
        double fraction = Double.parseDouble(System.getProperty("fraction", "1"));
        String src = System.getProperty("source", "inceptionv3_600x600");
        List<String> names = List.of("inceptionv3_600x600", "xception_200x200", "xception_400x400",
                "xception_600x600", "xception_800x800");
        Map<String, MeasurementSet> sets = new LinkedHashMap<>();
        for (String n : names) {
            sets.put(n, StudyData.read(n));
        }
        Map<String, SourceModel> models = new LinkedHashMap<>();
        Map<String, Predictors.Predictor> variants = new LinkedHashMap<>();
        StackedGp std = StackedGp.standard();
        variants.put("stacked-gp", Predictors.stacked("stacked-gp", std));
        for (String v : System.getProperty("variants", "add").split(",")) {
            switch (v) {
                case "inf" -> variants.put("influence", Predictors.stacked("influence", std.withKernel(GaussianProcess.Kernel.ADDITIVE).withScaling(StackedGp.Scaling.INFLUENCE)));
                case "avg" -> variants.put("avg(add,inf)", new ExpAverage("avg", List.of(std.withKernel(GaussianProcess.Kernel.ADDITIVE), std.withKernel(GaussianProcess.Kernel.ADDITIVE).withScaling(StackedGp.Scaling.INFLUENCE)), false));
                case "rec" -> variants.put("recommended", Predictors.stacked("recommended", StackedGp.recommended()));
                case "add" -> variants.put("additive", Predictors.stacked("additive", std.withKernel(GaussianProcess.Kernel.ADDITIVE)));
                case "add3" -> variants.put("additive-ls0.3", Predictors.stacked("a3", std.withKernel(GaussianProcess.Kernel.ADDITIVE).withGp(0.3, 0.1)));
                case "add7" -> variants.put("additive-ls0.7", Predictors.stacked("a7", std.withKernel(GaussianProcess.Kernel.ADDITIVE).withGp(0.7, 0.1)));
                case "addn03" -> variants.put("additive-n0.03", Predictors.stacked("an", std.withKernel(GaussianProcess.Kernel.ADDITIVE).withGp(0.5, 0.03)));
                case "addonly" -> variants.put("additive-only", Predictors.stacked("ao", std.withKernel(GaussianProcess.Kernel.ADDITIVE_ONLY)));
                case "so" -> variants.put("second-order", Predictors.stacked("so", std.withKernel(GaussianProcess.Kernel.SECOND_ORDER)));
                case "so3" -> variants.put("second-order-ls0.3", Predictors.stacked("so3", std.withKernel(GaussianProcess.Kernel.SECOND_ORDER).withGp(0.3, 0.1)));
                case "so7" -> variants.put("second-order-ls0.7", Predictors.stacked("so7", std.withKernel(GaussianProcess.Kernel.SECOND_ORDER).withGp(0.7, 0.1)));
                case "ao3" -> variants.put("additive-only-ls0.3", Predictors.stacked("ao3", std.withKernel(GaussianProcess.Kernel.ADDITIVE_ONLY).withGp(0.3, 0.1)));
                case "sa" -> variants.put("source-avg-add", Predictors.sourceAverage(new SourceAverage("sa", std.withKernel(GaussianProcess.Kernel.ADDITIVE))));
                case "sa+" -> variants.put("source-avg-add+stk", Predictors.sourceAverage(new SourceAverage("sa+", std.withKernel(GaussianProcess.Kernel.ADDITIVE), true)));
                case "saso" -> variants.put("source-avg-2nd", Predictors.sourceAverage(new SourceAverage("saso", std.withKernel(GaussianProcess.Kernel.SECOND_ORDER))));
                default -> {
                    if (v.startsWith("e:")) {
                        // e:extra:gpIn:kernel:ls:noise
                        String[] q = v.split(":");
                        variants.put(v, new ExpPredictor(v, q[1], q[2], GaussianProcess.Kernel.valueOf(q[3]),
                                Double.parseDouble(q[4]), Double.parseDouble(q[5])));
                    }
                }
            }
        }
        List<String> targets = names.stream().filter(n -> !n.equals(src) && (!src.equals("all") || true)).toList();
        if (!src.equals("all")) {
            targets = names.stream().filter(n -> !n.equals(src) && (src.startsWith("xception") || n.startsWith("xception"))).toList();
        }
        Map<String, double[]> mean = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder();
        for (String t : targets) {
            List<SourceModel> sources = new ArrayList<>();
            for (String n : names) {
                if (src.equals("all") ? !n.equals(t) : n.equals(src)) {
                    sources.add(models.computeIfAbsent(n, k -> new SourceModel(sets.get(k))));
                }
            }
            MeasurementSet target = sets.get(t);
            Map<String, double[]> sum = new LinkedHashMap<>();
            for (int seed = 0; seed < seeds; seed++) {
                List<Measurement> rows = target.measurements();
                if (fraction < 1) {
                    List<Measurement> sh = new ArrayList<>(rows);
                    Collections.shuffle(sh, new Random(1_000_003L * seed + 7));
                    rows = List.copyOf(sh.subList(0, (int) Math.round(rows.size() * fraction)));
                }
                TransferFeatures f = new TransferFeatures(sources, target.space(),
                        rows.stream().map(Measurement::configuration).toList());
                double[] lat = rows.stream().mapToDouble(Measurement::latency).toArray();
                double[] en = rows.stream().mapToDouble(Measurement::energy).toArray();
                int[] train = switch (System.getProperty("design", "maximin")) {
                    case "rank" -> Designs.maximinRank(f, budget, new int[0], new Random(seed));
                    case "maxpro" -> Designs.maxPro(f, budget, new int[0], new Random(seed));
                    case "random" -> Designs.random(f, budget, new Random(seed));
                    case "ivar" -> ExpDesigns.ivar(f, budget, new Random(seed), false);
                    case "ivarstack" -> ExpDesigns.ivar(f, budget, new Random(seed), true);
                    case "ivu" -> Designs.integratedVariance(f, std.withKernel(GaussianProcess.Kernel.ADDITIVE), budget, new int[0], new Random(seed));
                    case "iv" -> Designs.integratedVariance(f, StackedGp.recommended(), budget, new int[0], new Random(seed));
                    case "ivarw" -> ExpDesigns.ivar(f, budget, new Random(seed), true, true);
                    default -> Designs.maximin(f, budget, new int[0], new Random(seed));
                };
                boolean[] rest = new boolean[rows.size()];
                Arrays.fill(rest, true);
                for (int i : train) {
                    rest[i] = false;
                }
                if (Boolean.getBoolean("power")) {
                    // energy = predicted latency + predicted power (power shifted from the source's power)
                    double[] acc = sum.computeIfAbsent("lat+power", k -> new double[2]);
                    double[] yl = new double[train.length];
                    double[] yp = new double[train.length];
                    for (int k = 0; k < train.length; k++) {
                        yl[k] = Math.log(lat[train[k]]);
                        yp[k] = Math.log(en[train[k]]) - yl[k] + f.sourceLog(Metric.LATENCY, train[k]);
                    }
                    StackedGp model = Boolean.getBoolean("powerAdd") ? std.withKernel(GaussianProcess.Kernel.ADDITIVE) : std;
                    double[] pl = model.fit(f, Metric.LATENCY, train, yl).mean();
                    double[] pp = model.fit(f, Metric.ENERGY, train, yp).mean();
                    double[] pe = new double[pl.length];
                    double[] pd = std.fit(f, Metric.ENERGY, train, Arrays.stream(train).mapToDouble(i -> Math.log(en[i])).toArray()).mean();
                    double[] avg = new double[pl.length];
                    for (int i = 0; i < pe.length; i++) {
                        pe[i] = Math.exp(pl[i] + pp[i] - f.sourceLog(Metric.LATENCY, i));
                        avg[i] = Math.exp(0.5 * (Math.log(pe[i]) + pd[i]));
                    }
                    acc[0] += Regret.mape(Arrays.stream(pl).map(Math::exp).toArray(), lat, rest) / seeds;
                    acc[1] += Regret.mape(pe, en, rest) / seeds;
                    double[] acc2 = sum.computeIfAbsent("avg(direct,lat+pow)", k -> new double[2]);
                    acc2[1] += Regret.mape(avg, en, rest) / seeds;
                }
                if (Boolean.getBoolean("bma")) {
                    // per-source (and per-kernel) models averaged with weights from their leave-one-out errors
                    List<TransferFeatures> fs = new ArrayList<>();
                    for (SourceModel sm : sources) {
                        fs.add(new TransferFeatures(sm, target.space(), f.candidates()));
                    }
                    String[] kinds = System.getProperty("bmaKinds", "rbf,add").split(",");
                    for (String mode : new String[] {"equal", "inv", "inv2", "best"}) {
                        sum.computeIfAbsent("bma-" + mode, k -> new double[2]);
                    }
                    for (Metric m : Metric.values()) {
                        double[] truth = m == Metric.LATENCY ? lat : en;
                        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(truth[i])).toArray();
                        List<double[]> preds = new ArrayList<>();
                        List<Double> errs = new ArrayList<>();
                        for (TransferFeatures fi : fs) {
                            for (String kind : kinds) {
                                StackedGp g = switch (kind) {
                                    case "add" -> std.withKernel(GaussianProcess.Kernel.ADDITIVE);
                                    case "ao" -> std.withKernel(GaussianProcess.Kernel.ADDITIVE_ONLY);
                                    case "so" -> std.withKernel(GaussianProcess.Kernel.SECOND_ORDER);
                                    default -> std;
                                };
                                Predictors.Predictor pr = Predictors.stacked(kind, g);
                                preds.add(pr.predictLog(fi, m, train, y));
                                errs.add(AutoPredictor.looError(pr, fi, m, train, y));
                            }
                        }
                        double minErr = errs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                        for (String mode : new String[] {"equal", "inv", "inv2", "best"}) {
                            double[] w = new double[preds.size()];
                            double tot = 0;
                            for (int q = 0; q < w.length; q++) {
                                double e = errs.get(q);
                                w[q] = switch (mode) {
                                    case "equal" -> 1;
                                    case "inv" -> 1 / e;
                                    case "inv2" -> 1 / (e * e);
                                    default -> e == minErr ? 1 : 0;
                                };
                                tot += w[q];
                            }
                            double[] avgOut = new double[f.size()];
                            for (int q = 0; q < w.length; q++) {
                                for (int i = 0; i < avgOut.length; i++) {
                                    avgOut[i] += w[q] / tot * preds.get(q)[i];
                                }
                            }
                            sum.get("bma-" + mode)[m.ordinal()] += Regret.mape(Arrays.stream(avgOut).map(Math::exp).toArray(), truth, rest) / seeds;
                        }
                    }
                }
                for (var e : variants.entrySet()) {
                    double[] acc = sum.computeIfAbsent(e.getKey(), k -> new double[2]);
                    for (Metric m : Metric.values()) {
                        double[] truth = m == Metric.LATENCY ? lat : en;
                        double[] y = new double[train.length];
                        for (int k = 0; k < train.length; k++) {
                            y[k] = Math.log(truth[train[k]]);
                        }
                        double[] p = Arrays.stream(e.getValue().predictLog(f, m, train, y)).map(Math::exp).toArray();
                        acc[m.ordinal()] += Regret.mape(p, truth, rest) / seeds;
                    }
                }
            }
            for (var e : sum.entrySet()) {
                out.append(String.format(java.util.Locale.ROOT, "%-22s %-20s %6.2f %6.2f%n", t, e.getKey(),
                        e.getValue()[0], e.getValue()[1]));
                double[] mm = mean.computeIfAbsent(e.getKey(), k -> new double[2]);
                mm[0] += e.getValue()[0] / targets.size();
                mm[1] += e.getValue()[1] / targets.size();
            }
            System.err.println("done " + t);
        }
        for (var e : mean.entrySet()) {
            out.append(String.format(java.util.Locale.ROOT, "%-22s %-20s %6.2f %6.2f%n", "MEAN", e.getKey(),
                    e.getValue()[0], e.getValue()[1]));
        }
        System.out.println("source=" + src + " fraction=" + fraction + " budget=" + budget + " seeds=" + seeds);
        System.out.print(out);
    }
}
