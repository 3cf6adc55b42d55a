package org.tunerd.models.adaptation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

/**
 * The configurations a STACKED-GP adaptation chooses among, fits its acquisition over and predicts: the whole
 * space up to {@value #WHOLE_SPACE_LIMIT} configurations (the TX2's 768, say: nothing changes there), and
 * beyond it a subset of at most that many, so that a session's cost stops growing with the space (an AGX
 * Orin has about 18,000 hardware configurations, hundreds of thousands with a software option; every
 * candidate costs one evaluation of each source model per metric and one GP prediction per refit).
 *
 * <p>The subset, in the space's order, holds:
 * <ol>
 *   <li>the configurations measured earlier for this environment (a resumed session uses them);</li>
 *   <li>the source's top set: the primary source's {@value #TOP} best measured configurations for each metric
 *       the objective minimises (latency too under a latency bound; both for a weighted objective), each
 *       mapped to the target space (the nearest offered value per option; an option the source lacks at its
 *       lowest, middle and highest value), and every neighbour of each (one option one step up or down);</li>
 *   <li>the all-maximum configuration (the baseline the gain is reported against);</li>
 *   <li>a space-filling sample: distinct configurations drawn uniformly at random (seeded by the task) until
 *       the set has {@value #WHOLE_SPACE_LIMIT}.</li>
 * </ol>
 * The optimum is found when it lies in the source's top set or its neighbourhood (a transfer's premise: the
 * source ranks configurations much as the target does) or in the random sample; the neighbourhood of the
 * incumbent is not added as the session proceeds (the set is fixed when the session starts).
 */
final class CandidateSet {

    /** Spaces up to this size are used whole; larger ones are cut down to this many candidates. */
    static final int WHOLE_SPACE_LIMIT = 4096;
    /** Best measured source configurations taken per minimised metric. */
    static final int TOP = 64;

    private CandidateSet() {
    }

    /** The candidates of {@code task}: its whole space, or the subset described above. */
    static List<Configuration> of(AdaptationTask task) {
        return of(task, WHOLE_SPACE_LIMIT);
    }

    static List<Configuration> of(AdaptationTask task, int limit) {
        ConfigurationSpace space = task.space();
        if (space.size() <= limit) {
            return space.configurations();
        }
        Set<Configuration> chosen = new LinkedHashSet<>();
        for (Measurement m : task.resumed()) {
            if (space.contains(m.configuration())) {
                chosen.add(m.configuration());
            }
        }
        if (!task.coldStart()) {
            MeasurementSet source = task.sources().get(0).data();
            for (Metric metric : metrics(task)) {
                for (Configuration top : best(source, metric, TOP)) {
                    for (Configuration mapped : mapped(top, space)) {
                        chosen.add(mapped);
                        chosen.addAll(neighbours(mapped, space));
                    }
                }
            }
        }
        chosen.add(space.maximum());
        if (chosen.size() > limit) {
            chosen = new LinkedHashSet<>(new ArrayList<>(chosen).subList(0, limit));
        }
        Random random = new Random(task.seed());
        while (chosen.size() < limit) {
            chosen.add(space.get(random.nextInt(space.size())));
        }
        TreeSet<Integer> order = new TreeSet<>();
        for (Configuration c : chosen) {
            order.add(space.index(c));
        }
        List<Configuration> out = new ArrayList<>(order.size());
        for (int i : order) {
            out.add(space.get(i));
        }
        return List.copyOf(out);
    }

    private static List<Metric> metrics(AdaptationTask task) {
        var minimised = task.objective().minimised();
        List<Metric> metrics = new ArrayList<>();
        if (minimised.isEmpty()) {
            metrics.add(Metric.LATENCY);
            metrics.add(Metric.ENERGY);
        } else {
            metrics.add(minimised.get());
            if (!Double.isNaN(task.objective().latencyBound()) && minimised.get() != Metric.LATENCY) {
                metrics.add(Metric.LATENCY);
            }
        }
        return metrics;
    }

    /** The {@code n} measured configurations of lowest {@code metric} (those with a value). */
    private static List<Configuration> best(MeasurementSet source, Metric metric, int n) {
        return source.measurements().stream().filter(m -> !Double.isNaN(m.value(metric)))
                .sorted(Comparator.comparingDouble(m -> m.value(metric))).limit(n)
                .map(Measurement::configuration).toList();
    }

    /** {@code c} in {@code space}: nearest offered values; an option {@code c} lacks at its low, middle, high value. */
    static List<Configuration> mapped(Configuration c, ConfigurationSpace space) {
        List<Map<String, Double>> partial = new ArrayList<>();
        partial.add(new LinkedHashMap<>());
        for (Option o : space.options()) {
            List<Double> values = c.has(o.name()) ? List.of(nearest(o, c.get(o.name())))
                    : new ArrayList<>(new LinkedHashSet<>(List.of(o.values().get(0), o.values().get(o.size() / 2),
                            o.values().get(o.size() - 1))));
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> p : partial) {
                for (double v : values) {
                    Map<String, Double> m = new LinkedHashMap<>(p);
                    m.put(o.name(), v);
                    next.add(m);
                }
            }
            partial = next;
        }
        List<Configuration> out = new ArrayList<>();
        for (Map<String, Double> p : partial) {
            Configuration m = new Configuration(p);
            if (space.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static double nearest(Option o, double v) {
        double best = o.values().get(0);
        for (double x : o.values()) {
            if (Math.abs(x - v) < Math.abs(best - v)) {
                best = x;
            }
        }
        return best;
    }

    /** The configurations of {@code space} that differ from {@code c} by one step of one option. */
    static List<Configuration> neighbours(Configuration c, ConfigurationSpace space) {
        List<Configuration> out = new ArrayList<>();
        for (Option o : space.options()) {
            int i = o.indexOf(c.get(o.name()));
            for (int j : new int[] {i - 1, i + 1}) {
                if (i >= 0 && j >= 0 && j < o.size()) {
                    Configuration n = c.with(o.name(), o.values().get(j));
                    if (space.contains(n)) {
                        out.add(n);
                    }
                }
            }
        }
        return out;
    }
}
