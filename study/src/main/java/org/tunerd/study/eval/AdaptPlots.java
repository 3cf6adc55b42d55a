package org.tunerd.study.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tunerd.models.optimize.ParetoFront;

/**
 * SVG plots of an {@link AdaptStudy.Result}: per target, predicted vs measured latency and energy and the
 * latency/energy Pareto front (true front and the true points of the predicted front); per goal, the
 * regret-vs-measurements curve of every optimiser (mean over targets and seeds).
 */
public final class AdaptPlots {

    private AdaptPlots() {
    }

    /** Writes the plots into {@code folder} and returns their paths. */
    public static List<Path> write(AdaptStudy.Result r, Path folder) {
        List<Path> written = new ArrayList<>();
        for (AdaptStudy.Example e : r.examples()) {
            Path p = folder.resolve("predicted-vs-measured-" + e.target() + ".svg");
            AdaptReport.write(p, List.of(predictedVsMeasured(e)));
            written.add(p);
            Path q = folder.resolve("pareto-" + e.target() + ".svg");
            AdaptReport.write(q, List.of(pareto(e)));
            written.add(q);
        }
        Map<String, Map<String, TreeMap<Integer, double[]>>> curves = new LinkedHashMap<>();
        for (AdaptStudy.RegretRow row : r.regret()) {
            double[] acc = curves.computeIfAbsent(row.goal(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.optimiser(), k -> new TreeMap<>())
                    .computeIfAbsent(row.measurements(), k -> new double[2]);
            acc[0] += row.meanRegret();
            acc[1]++;
        }
        curves.forEach((goal, byOptimiser) -> {
            SvgChart chart = new SvgChart("Regret vs measurements: " + goal + " (axis cut at 20%)",
                    "target measurements", "regret % (mean over targets and seeds)", false, false).clipY(20);
            byOptimiser.forEach((name, points) -> {
                double[] x = points.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = points.values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
                chart.line(name, x, y, null);
            });
            Path p = folder.resolve("regret-" + goal.replace(' ', '-') + ".svg");
            AdaptReport.write(p, List.of(chart.render(760, 420)));
            written.add(p);
        });
        return written;
    }

    static String predictedVsMeasured(AdaptStudy.Example e) {
        double[][] lat = relative(e.latency(), e.predictedLatency());
        double[][] en = relative(e.energy(), e.predictedEnergy());
        return new SvgChart("Predicted vs measured, " + e.target() + " (" + e.predictor() + ", "
                + e.train().length + " samples; values / median)", "measured (relative to median)",
                "predicted (relative to median)", true, true)
                .diagonal()
                .scatter("latency", lat[0], lat[1], "#1f77b4", 2.2)
                .scatter("energy", en[0], en[1], "#d62728", 2.2)
                .render(760, 560);
    }

    /** Both arrays divided by the median measured value, so latency and energy share one plot. */
    private static double[][] relative(double[] measured, double[] predicted) {
        double m = AdaptStudy.median(measured);
        double[][] out = new double[2][measured.length];
        for (int i = 0; i < measured.length; i++) {
            out[0][i] = measured[i] / m;
            out[1][i] = predicted[i] / m;
        }
        return out;
    }

    static String pareto(AdaptStudy.Example e) {
        int[] trueFront = ParetoFront.indices(e.latency(), e.energy());
        int[] predicted = ParetoFront.indices(e.predictedLatency(), e.predictedEnergy());
        double hv = AdaptStudy.hypervolumeRatio(e.predictedLatency(), e.predictedEnergy(), e.latency(), e.energy());
        return new SvgChart(String.format(java.util.Locale.ROOT, "Pareto front, %s (hypervolume ratio %.3f)",
                e.target(), hv), "latency (s)", "energy", true, true)
                .scatter("measured", e.latency(), e.energy(), "#bbbbbb", 1.6)
                .line("true front", pick(e.latency(), trueFront), pick(e.energy(), trueFront), "#2ca02c")
                .scatter("predicted front (true values)", pick(e.latency(), predicted), pick(e.energy(), predicted),
                        "#d62728", 3)
                .render(760, 520);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }
}
