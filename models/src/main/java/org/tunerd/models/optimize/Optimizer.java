package org.tunerd.models.optimize;

import java.util.Arrays;
import java.util.List;
import org.tunerd.models.space.Configuration;

/** Picks the best candidate configuration from predicted (or measured) latency and energy. */
public final class Optimizer {

    /**
     * The chosen candidate.
     *
     * @param index         position among the candidates
     * @param configuration the candidate
     * @param latency       its latency value
     * @param energy        its energy value
     * @param feasible      false if no candidate met the objective's constraint and this is the fallback
     */
    public record Choice(int index, Configuration configuration, double latency, double energy, boolean feasible) {
    }

    private Optimizer() {
    }

    /**
     * The candidate with the lowest score; ties go to the earlier candidate. If no candidate satisfies the
     * objective's constraint (e.g. every latency is above the SLO), the lowest-latency candidate is chosen
     * and marked infeasible. NaN values (energy unknown) count as infeasible.
     */
    public static Choice best(Objective objective, List<Configuration> candidates, double[] latency, double[] energy) {
        check(candidates.size(), latency, energy);
        double minL = finiteMin(latency);
        double minE = finiteMin(energy);
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < latency.length; i++) {
            double s = objective.score(latency[i], energy[i], minL, minE);
            if (s < bestScore) {
                bestScore = s;
                best = i;
            }
        }
        if (best >= 0) {
            return new Choice(best, candidates.get(best), latency[best], energy[best], true);
        }
        int fallback = argmin(latency);
        return new Choice(fallback, candidates.get(fallback), latency[fallback], energy[fallback], false);
    }

    /** Index of the smallest value (first on ties); NaN values are skipped. */
    public static int argmin(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && (best < 0 || values[i] < values[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("no comparable value among " + values.length);
        }
        return best;
    }

    private static void check(int n, double[] latency, double[] energy) {
        if (latency.length != n || energy.length != n) {
            throw new IllegalArgumentException("need one latency and one energy per candidate: " + n + " candidates, "
                    + latency.length + " latencies, " + energy.length + " energies");
        }
        if (n == 0) {
            throw new IllegalArgumentException("no candidates to choose from");
        }
    }

    /**
     * The smallest non-NaN value (NaN if there is none): the reference {@link Objective#score} takes for
     * latency and for energy.
     */
    public static double finiteMin(double[] v) {
        return Arrays.stream(v).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
    }
}
