package org.tunerd.study.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/**
 * Source selection, evaluated by leaving each environment out in turn: the left-out environment is the
 * target, the others are the stored sources. Per seed, {@code probe} random target measurements choose the
 * source ({@link LeaveOneOutSourceRanking}); the rest of the budget is a maximin design from the chosen source, and
 * the stacked GP's MAPE on the unmeasured rows is compared with what each single source would have given
 * from the same probe measurements, and with stacking all the other environments as sources at once.
 */
public final class SourceSelectionStudy {

    /**
     * Mean MAPE (latency, energy) of the selected source and of the best, mean and worst single source in
     * hindsight, with how often each source was selected.
     */
    public record Row(String target, double[] selected, double[] bestSingle, double[] meanSingle,
                      double[] worstSingle, double[] allStacked, Map<String, Integer> choices) {
    }

    private final int budget;
    private final int probe;
    private final int seeds;
    private final StackedGp model = StackedGp.standard();

    public SourceSelectionStudy(int budget, int probe, int seeds) {
        if (probe < 1 || probe > budget || seeds < 1) {
            throw new IllegalArgumentException("invalid source selection settings: budget " + budget + ", probe "
                    + probe + ", seeds " + seeds);
        }
        this.budget = budget;
        this.probe = probe;
        this.seeds = seeds;
    }

    public List<Row> run(List<MeasurementSet> environments, Consumer<String> progress) {
        if (environments.size() < 3) {
            throw new IllegalArgumentException("source selection needs at least 3 environments, got "
                    + environments.size());
        }
        List<SourceModel> all = environments.stream().map(SourceModel::new).toList();
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < environments.size(); t++) {
            MeasurementSet target = environments.get(t);
            List<SourceModel> sources = new ArrayList<>(all);
            sources.remove(t);
            List<Configuration> candidates = target.configurations();
            List<TransferFeatures> features = sources.stream()
                    .map(s -> new TransferFeatures(s, target.space(), candidates)).toList();
            TransferFeatures stackedAll = new TransferFeatures(sources, target.space(), candidates);
            double[] selected = new double[2];
            double[] stacked = new double[2];
            double[][] single = new double[sources.size()][2];
            Map<String, Integer> choices = new LinkedHashMap<>();
            for (int seed = 0; seed < seeds; seed++) {
                Random rng = new Random(seed * 31L + 5);
                int[] first = Designs.random(features.get(0), probe, rng);
                List<Measurement> samples = Arrays.stream(first).mapToObj(target::get).toList();
                SourceModel chosen = new LeaveOneOutSourceRanking(model).select(sources, candidates, samples);
                int c = sources.indexOf(chosen);
                double[] a = mape(stackedAll, target, first, new Random(seed));
                stacked[0] += a[0] / seeds;
                stacked[1] += a[1] / seeds;
                choices.merge(chosen.source().environment().id(), 1, Integer::sum);
                for (int s = 0; s < sources.size(); s++) {
                    double[] e = mape(features.get(s), target, first, new Random(seed));
                    single[s][0] += e[0] / seeds;
                    single[s][1] += e[1] / seeds;
                    if (s == c) {
                        selected[0] += e[0] / seeds;
                        selected[1] += e[1] / seeds;
                    }
                }
            }
            double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            double[] worst = {0, 0};
            double[] mean = {0, 0};
            for (double[] e : single) {
                for (int m = 0; m < 2; m++) {
                    best[m] = Math.min(best[m], e[m]);
                    worst[m] = Math.max(worst[m], e[m]);
                    mean[m] += e[m] / single.length;
                }
            }
            rows.add(new Row(target.environment().id(), selected, best, mean, worst, stacked, choices));
            progress.accept("source selection: " + target.environment().id() + " done");
        }
        return rows;
    }

    /** MAPE (latency, energy) of the stacked GP after the probe plus a maximin design up to the budget. */
    private double[] mape(TransferFeatures f, MeasurementSet target, int[] first, Random rng) {
        int[] train = Designs.maximin(f, budget, first, rng);
        boolean[] rest = new boolean[f.size()];
        Arrays.fill(rest, true);
        for (int i : train) {
            rest[i] = false;
        }
        double[] out = new double[2];
        for (Metric m : Metric.values()) {
            double[] truth = target.values(m);
            double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(truth[i])).toArray();
            double[] pred = Arrays.stream(model.fit(f, m, train, y).mean()).map(Math::exp).toArray();
            out[m.ordinal()] = Regret.mape(pred, truth, rest);
        }
        return out;
    }

    /** A Markdown table of the rows. */
    public static String markdown(List<Row> rows, int probe) {
        StringBuilder sb = new StringBuilder("## Source selection (leave each environment out; chosen after " + probe
                + " target measurements; MAPE % latency / energy)\n\n");
        sb.append("| target | selected source | best single source | mean over sources | worst source "
                + "| all sources stacked | chosen |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f "
                    + "| %.2f / %.2f | %s |%n", r.target(), r.selected()[0], r.selected()[1], r.bestSingle()[0],
                    r.bestSingle()[1], r.meanSingle()[0], r.meanSingle()[1], r.worstSingle()[0], r.worstSingle()[1],
                    r.allStacked()[0], r.allStacked()[1], r.choices()));
        }
        return sb.toString();
    }
}
