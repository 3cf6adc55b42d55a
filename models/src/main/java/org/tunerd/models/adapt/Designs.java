package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.tunerd.models.data.Metric;

/** Ways to choose which candidates to measure first, as candidate positions in a {@link TransferFeatures}. */
public final class Designs {

    private Designs() {
    }

    /** {@code k} distinct candidates uniformly at random (fewer if there are fewer candidates). */
    public static int[] random(TransferFeatures f, int k, Random rng) {
        List<Integer> all = new ArrayList<>(IntStream.range(0, f.size()).boxed().toList());
        java.util.Collections.shuffle(all, rng);
        return all.subList(0, Math.min(k, all.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Greedy maximin: starting from {@code start} (or one random candidate if empty), repeatedly adds the
     * candidate farthest from every chosen one, in the space of the normalised physical features and the
     * normalised source log latency and energy, until {@code k} are chosen.
     */
    public static int[] maximin(TransferFeatures f, int k, int[] start, Random rng) {
        return maximin(designSpace(f), k, start, rng, null);
    }

    /**
     * As {@link #maximin}, but the points added are within the range every source measured
     * ({@link TransferFeatures#supported}) while such candidates remain: a spread design otherwise goes to the
     * corners of the space, which are exactly the extremes no source knows anything about.
     */
    public static int[] maximinSupported(TransferFeatures f, int k, int[] start, Random rng) {
        boolean[] allowed = new boolean[f.size()];
        int count = 0;
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = f.supported(i);
            count += allowed[i] ? 1 : 0;
        }
        return maximin(designSpace(f), k, start, rng, count >= Math.min(k, f.size()) ? allowed : null);
    }

    /**
     * As {@link #maximin}, but each physical feature is replaced by the rank of its level among the
     * candidates' levels (levels equally spaced in [0, 1]), so that closely spaced values (for example the
     * two highest of four GPU frequencies on a log scale) are as likely to be measured as far-apart ones,
     * and interior levels are not skipped for the corners.
     */
    public static int[] maximinRank(TransferFeatures f, int k, int[] start, Random rng) {
        double[][] x = designSpace(f);
        int p = f.physicalWidth();
        for (int j = 0; j < p; j++) {
            java.util.TreeSet<Double> levels = new java.util.TreeSet<>();
            for (double[] row : x) {
                levels.add(row[j]);
            }
            List<Double> sorted = new ArrayList<>(levels);
            java.util.Map<Double, Double> rank = new java.util.HashMap<>();
            for (int r = 0; r < sorted.size(); r++) {
                rank.put(sorted.get(r), sorted.size() > 1 ? r / (double) (sorted.size() - 1) : 0);
            }
            for (double[] row : x) {
                row[j] = rank.get(row[j]);
            }
        }
        return maximin(x, k, start, rng, null);
    }

    /** {@code allowed}: the candidates that may be added (null = all); {@code start} is taken as given. */
    private static int[] maximin(double[][] x, int k, int[] start, Random rng, boolean[] allowed) {
        int n = x.length;
        k = Math.min(k, n);
        double[] d = new double[n];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        List<Integer> chosen = new ArrayList<>();
        int[] seeds = start.length == 0 ? new int[] {randomAllowed(n, allowed, rng)} : start;
        for (int s : seeds) {
            if (chosen.size() < k && !chosen.contains(s)) {
                chosen.add(s);
                update(d, x, s);
            }
        }
        while (chosen.size() < k) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (d[i] > 0 && (allowed == null || allowed[i]) && (best < 0 || d[i] > d[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            chosen.add(best);
            update(d, x, best);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Greedy integrated-variance design for {@code model}: the candidates whose measurements most reduce the
     * model's summed posterior variance over all candidates ({@link IntegratedVariance}), starting from
     * {@code start} (or one random candidate), until {@code k} are chosen.
     */
    public static int[] integratedVariance(TransferFeatures f, StackedGp model, int k, int[] start, Random rng) {
        return IntegratedVariance.design(f, model, k, start, rng);
    }

    /** The untaken position whose measurement most reduces the summed variance {@code trace(c)}. */
    public static int mostInformative(double[][] c, boolean[] taken, double noise) {
        return IntegratedVariance.mostInformative(c, taken, noise);
    }

    /** Turns {@code c} in place into the posterior covariance after observing position {@code s} with noise variance {@code noise}. */
    public static void condition(double[][] c, int s, double noise) {
        IntegratedVariance.condition(c, s, noise);
    }

    /**
     * Greedy maximum-projection design: like {@link #maximin}, but each new candidate minimises
     * {@code sum over chosen of 1 / prod_j ((x_j - c_j)^2 + eps)}, which punishes sharing a value in any
     * single dimension, so the design covers the interior levels of every option rather than only the
     * corners of the space (maximin's habit on a grid).
     */
    public static int[] maxPro(TransferFeatures f, int k, int[] start, Random rng) {
        double[][] x = designSpace(f);
        int n = f.size();
        k = Math.min(k, n);
        double eps = 1e-2;
        double[] score = new double[n];
        boolean[] taken = new boolean[n];
        List<Integer> chosen = new ArrayList<>();
        int[] seeds = start.length == 0 ? new int[] {rng.nextInt(n)} : start;
        for (int s : seeds) {
            if (chosen.size() < k && !taken[s]) {
                chosen.add(s);
                taken[s] = true;
                addPro(score, x, s, eps);
            }
        }
        while (chosen.size() < k) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || score[i] < score[best])) {
                    best = i;
                }
            }
            chosen.add(best);
            taken[best] = true;
            addPro(score, x, best, eps);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addPro(double[] score, double[][] x, int s, double eps) {
        for (int i = 0; i < score.length; i++) {
            double p = 1;
            for (int j = 0; j < x[i].length; j++) {
                double u = x[i][j] - x[s][j];
                p *= u * u + eps;
            }
            score[i] += 1 / p;
        }
    }

    /** The {@code k} candidates the source ranks lowest for {@code metric}. */
    public static int[] sourceBest(TransferFeatures f, Metric metric, int k) {
        return IntStream.range(0, f.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> f.sourceLog(metric, i)))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static int randomAllowed(int n, boolean[] allowed, Random rng) {
        if (allowed == null) {
            return rng.nextInt(n);
        }
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (allowed[i]) {
                ok.add(i);
            }
        }
        return ok.get(rng.nextInt(ok.size()));
    }

    private static void update(double[] d, double[][] x, int s) {
        for (int i = 0; i < d.length; i++) {
            double t = 0;
            for (int j = 0; j < x[i].length; j++) {
                double u = x[i][j] - x[s][j];
                t += u * u;
            }
            d[i] = Math.min(d[i], t);
        }
    }

    static double[][] designSpace(TransferFeatures f) {
        int n = f.size();
        int p = f.physicalWidth();
        int extra = f.hasSourceEnergy() ? 2 : 1;
        double[][] x = new double[n][p + extra];
        double[] lat = normalised(f, Metric.LATENCY);
        double[] en = f.hasSourceEnergy() ? normalised(f, Metric.ENERGY) : null;
        for (int i = 0; i < n; i++) {
            System.arraycopy(f.physical(i), 0, x[i], 0, p);
            x[i][p] = lat[i];
            if (en != null) {
                x[i][p + 1] = en[i];
            }
        }
        return x;
    }

    private static double[] normalised(TransferFeatures f, Metric m) {
        double[] v = new double[f.size()];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            v[i] = f.sourceLog(m, i);
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        double w = hi > lo ? hi - lo : 1;
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - lo) / w;
        }
        return v;
    }
}
