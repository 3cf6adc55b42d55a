package org.tunerd.models.transfer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/** Sampling and checking helpers shared by the strategies. */
public final class Sampling {

    private Sampling() {
    }

    /** {@code k} distinct candidates drawn uniformly without replacement (all of them if there are fewer). */
    public static List<Configuration> uniform(List<Configuration> candidates, int k, Random random) {
        return fill(List.of(), candidates, k, random);
    }

    /**
     * {@code chosen} (kept in order) plus candidates drawn uniformly without replacement from those not
     * chosen, until there are {@code k} or the candidates run out.
     */
    public static List<Configuration> fill(Collection<Configuration> chosen, List<Configuration> candidates, int k,
            Random random) {
        checkBudget(k);
        LinkedHashSet<Configuration> out = new LinkedHashSet<>(chosen);
        List<Configuration> rest = new ArrayList<>(candidates.size());
        for (Configuration c : candidates) {
            if (!out.contains(c)) {
                rest.add(c);
            }
        }
        // partial Fisher-Yates: deterministic for the random's state
        for (int i = 0; i < rest.size() && out.size() < k; i++) {
            int j = i + random.nextInt(rest.size() - i);
            Configuration t = rest.get(i);
            rest.set(i, rest.get(j));
            rest.set(j, t);
            out.add(rest.get(i));
        }
        return List.copyOf(out);
    }

    static void checkBudget(int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget must not be negative, got " + budget);
        }
    }

    /** The configurations and the metric's values of {@code samples}; fails if a value is missing. */
    static double[] values(List<Measurement> samples, Metric metric, String strategy) {
        double[] y = new double[samples.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = samples.get(i).value(metric);
            if (Double.isNaN(y[i])) {
                throw new IllegalArgumentException(strategy + ": sample " + samples.get(i).configuration()
                        + " has no " + metric.key());
            }
        }
        return y;
    }

    static List<Configuration> configurations(List<Measurement> samples) {
        return samples.stream().map(Measurement::configuration).toList();
    }

    static void requireSamples(String strategy, List<Measurement> samples, int minimum) {
        if (samples.size() < minimum) {
            throw new IllegalArgumentException(strategy + " needs at least " + minimum + " target samples, got "
                    + samples.size());
        }
    }
}
