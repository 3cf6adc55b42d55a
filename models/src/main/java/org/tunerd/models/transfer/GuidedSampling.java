package org.tunerd.models.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.influence.InfluenceModel;
import org.tunerd.models.influence.StepwiseRegression;
import org.tunerd.models.influence.Term;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * GS (guided sampling): stepwise regression on the source picks the influential options and
 * interactions; the target sample varies exactly those, with every other option at a default; the target
 * model is {@code learner} trained on those target samples alone.
 *
 * <p><b>Both metrics.</b> One measurement gives latency and energy, so the plan uses the union of the
 * influential terms of both metrics. A term's influence is {@code |coefficient| x (range of its column
 * over the source)} divided by the range of the metric over the source, i.e. the share of the metric's
 * range the term can move; a term selected for both metrics keeps the larger share.
 *
 * <p><b>Design.</b> Terms are grouped by the options they involve. A group of one option sweeps all of
 * that option's values; a group of several options takes every combination of their values (all pairs for
 * an interaction). Every other option stays at the default: for each option, the lower median of the
 * values the candidates hold. A design point that is not a candidate is replaced by the nearest
 * candidate not yet chosen (distance over options scaled to [0, 1] by the candidates' ranges).
 *
 * <p><b>Budget.</b> When the design has more points than the budget, groups take turns in order of
 * influence, each adding its next point (its points in random order) until the budget is reached, so the
 * budget is spread over every influential group rather than spent on the first. When it has fewer,
 * the rest of the budget is filled with candidates drawn uniformly at random.
 */
public final class GuidedSampling implements TransferStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(GuidedSampling.class);

    private final StepwiseRegression stepwise;

    public GuidedSampling(StepwiseRegression stepwise) {
        this.stepwise = stepwise;
    }

    public GuidedSampling() {
        this(StepwiseRegression.defaults());
    }

    @Override
    public String name() {
        return "GS";
    }

    @Override
    public List<Configuration> plan(Source source, List<Configuration> candidates, int budget, Random random) {
        Sampling.checkBudget(budget);
        if (budget == 0 || candidates.isEmpty()) {
            return List.of();
        }
        Map<List<String>, Double> groups = influentialGroups(source);
        Configuration base = defaultConfiguration(candidates);
        Map<String, List<Double>> values = candidateValues(candidates);

        List<List<Configuration>> designs = new ArrayList<>();
        for (List<String> group : groups.keySet()) {
            List<Configuration> points = new ArrayList<>();
            grid(group, 0, base, values, points);
            shuffle(points, random);
            designs.add(points);
        }
        Nearest nearest = new Nearest(candidates, values);
        LinkedHashSet<Configuration> chosen = new LinkedHashSet<>();
        int[] next = new int[designs.size()];
        boolean progress = true;
        while (chosen.size() < budget && progress) {
            progress = false;
            for (int g = 0; g < designs.size() && chosen.size() < budget; g++) {
                List<Configuration> points = designs.get(g);
                while (next[g] < points.size()) {
                    Configuration c = nearest.closest(points.get(next[g]++), chosen);
                    if (c != null && chosen.add(c)) {
                        progress = true;
                        break;
                    }
                }
            }
        }
        int designed = chosen.size();
        List<Configuration> plan = Sampling.fill(chosen, candidates, budget, random);
        LOG.debug("GS plan: groups {}, {} designed + {} random of budget {}", groups.keySet(), designed,
                plan.size() - designed, budget);
        return plan;
    }

    /** Learner trained on the target samples alone, as for Scratch. */
    @Override
    public Model fit(Source source, Learner learner, Metric metric, List<Measurement> samples) {
        Sampling.requireSamples(name(), samples, 2);
        return learner.fit(source.encoding(), Sampling.configurations(samples), Sampling.values(samples, metric, name()));
    }

    /** Option groups of the influential terms of both metrics, most influential first. */
    Map<List<String>, Double> influentialGroups(Source source) {
        Map<List<String>, Double> share = new HashMap<>();
        FeatureEncoding encoding = source.encoding();
        double[][] x = encoding.encode(source.data().configurations());
        List<String> names = encoding.names();
        for (Metric metric : Metric.values()) {
            double[] y = source.data().values(metric);
            if (java.util.Arrays.stream(y).anyMatch(Double::isNaN)) {
                continue; // a source without energy guides by latency alone
            }
            double yRange = range(y);
            InfluenceModel model = source.influence(metric, stepwise);
            for (Term t : model.terms()) {
                double[] column = new double[x.length];
                for (int r = 0; r < x.length; r++) {
                    double v = 1;
                    for (String f : t.options()) {
                        v *= x[r][names.indexOf(f)];
                    }
                    column[r] = v;
                }
                double s = yRange > 0 ? Math.abs(t.coefficient()) * range(column) / yRange : 0;
                share.merge(t.optionNames().stream().sorted().toList(), s, Math::max);
            }
        }
        LinkedHashMap<List<String>, Double> ordered = new LinkedHashMap<>();
        share.entrySet().stream()
                .sorted(Map.Entry.<List<String>, Double>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().toString()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi - lo;
    }

    private static Map<String, List<Double>> candidateValues(List<Configuration> candidates) {
        Map<String, TreeSet<Double>> sets = new LinkedHashMap<>();
        for (Configuration c : candidates) {
            c.values().forEach((k, v) -> sets.computeIfAbsent(k, key -> new TreeSet<>()).add(v));
        }
        Map<String, List<Double>> out = new LinkedHashMap<>();
        sets.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Each option at the lower median of the values the candidates hold (counting repeats). */
    static Configuration defaultConfiguration(List<Configuration> candidates) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (String option : candidates.get(0).values().keySet()) {
            double[] v = candidates.stream().mapToDouble(c -> c.get(option)).sorted().toArray();
            values.put(option, v[(v.length - 1) / 2]);
        }
        return new Configuration(values);
    }

    private static void grid(List<String> group, int i, Configuration at, Map<String, List<Double>> values,
            List<Configuration> out) {
        if (i == group.size()) {
            out.add(at);
            return;
        }
        List<Double> vs = values.get(group.get(i));
        if (vs == null) {
            throw new IllegalArgumentException("GS: influential option '" + group.get(i)
                    + "' of the source is not an option of the target candidates " + values.keySet());
        }
        for (double v : vs) {
            grid(group, i + 1, at.with(group.get(i), v), values, out);
        }
    }

    private static void shuffle(List<Configuration> list, Random random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Configuration t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** Finds the candidate closest to a design point. */
    private static final class Nearest {
        private final List<Configuration> candidates;
        private final java.util.Set<Configuration> exact;
        private final Map<String, Double> span = new HashMap<>();

        Nearest(List<Configuration> candidates, Map<String, List<Double>> values) {
            this.candidates = candidates;
            this.exact = new java.util.HashSet<>(candidates);
            values.forEach((k, v) -> span.put(k, v.get(v.size() - 1) - v.get(0) > 0 ? v.get(v.size() - 1) - v.get(0) : 1));
        }

        /** The point itself if it is a candidate, else the nearest candidate not in {@code taken}, or null. */
        Configuration closest(Configuration point, java.util.Set<Configuration> taken) {
            if (exact.contains(point)) {
                return point;
            }
            return candidates.stream().filter(c -> !taken.contains(c))
                    .min(Comparator.comparingDouble(c -> distance(point, c))).orElse(null);
        }

        private double distance(Configuration a, Configuration b) {
            double d = 0;
            for (var e : a.values().entrySet()) {
                double diff = (e.getValue() - b.get(e.getKey())) / span.get(e.getKey());
                d += diff * diff;
            }
            return d;
        }
    }
}
