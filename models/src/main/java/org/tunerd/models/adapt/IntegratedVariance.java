package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The greedy integrated-variance design ({@link Designs#integratedVariance}): the candidates whose
 * measurements most reduce a model's summed prior-to-posterior variance over all candidates.
 */
final class IntegratedVariance {

    private IntegratedVariance() {
    }

    /** Most candidates {@link #design} works on (a random subset of a larger candidate set). */
    static final int POOL = 1500;

    /**
     * The design for {@code model}: starting from {@code start} (or one random
     * candidate), repeatedly adds the candidate whose measurement most reduces the summed posterior variance
     * over all candidates, under the model's own prior: a linear kernel on the standardised stacking row
     * (the ridge: source values and features, total prior variance 1) plus its residual GP's kernel on its GP
     * inputs (variance 1, the model's length scale), with the model's noise fraction. Unlike maximin, the
     * design spends points where the model is uncertain: along the options its GP varies fastest (the
     * influential ones) and not on the corners of options the model treats as smooth. With more than
     * {@value #POOL} candidates it works on a random subset of that size (plus {@code start}).
     */
    static int[] design(TransferFeatures f, StackedGp model, int k, int[] start, Random rng) {
        int all = f.size();
        java.util.LinkedHashSet<Integer> members = new java.util.LinkedHashSet<>();
        for (int s : start) {
            if (s < 0 || s >= all) {
                throw new IllegalArgumentException("design start " + s + " is not a candidate position (0.." + (all - 1)
                        + ")");
            }
            members.add(s);
        }
        int seeds = members.size();
        List<Integer> order = new ArrayList<>(IntStream.range(0, all).boxed().toList());
        if (all > POOL) {
            java.util.Collections.shuffle(order, rng);
        }
        for (int i : order) {
            if (members.size() >= Math.max(POOL, seeds)) {
                break;
            }
            members.add(i);
        }
        List<Integer> pool = new ArrayList<>(members);
        int n = pool.size();
        k = Math.min(k, n);
        double[][] c = priorCovariance(f, model, pool);
        double noise = model.noiseFraction();
        boolean[] taken = new boolean[n];
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < k) {
            int next;
            if (chosen.size() < seeds) {
                next = chosen.size(); // the start points lead the pool
            } else if (chosen.isEmpty()) {
                next = rng.nextInt(n);
            } else {
                next = mostInformative(c, taken, noise);
            }
            chosen.add(next);
            taken[next] = true;
            condition(c, next, noise);
        }
        return chosen.stream().mapToInt(pool::get).toArray();
    }

    /** The untaken position whose measurement most reduces the summed variance {@code trace(c)}. */
    static int mostInformative(double[][] c, boolean[] taken, double noise) {
        int n = c.length;
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int x = 0; x < n; x++) {
            if (taken[x]) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += c[i][x] * c[i][x];
            }
            double gain = sum / (c[x][x] + noise);
            if (gain > bestGain) {
                bestGain = gain;
                best = x;
            }
        }
        return best;
    }

    /** Turns {@code c} in place into the posterior covariance after observing position {@code s} with noise variance {@code noise}. */
    static void condition(double[][] c, int s, double noise) {
        int n = c.length;
        double[] col = c[s].clone();
        double denom = col[s] + noise;
        for (int i = 0; i < n; i++) {
            double a = col[i] / denom;
            if (a == 0) {
                continue;
            }
            double[] row = c[i];
            for (int j = 0; j < n; j++) {
                row[j] -= a * col[j];
            }
        }
    }

    /** The prior covariance of {@code model}'s prediction over the pool (see {@link #design}). */
    static double[][] priorCovariance(TransferFeatures f, StackedGp model, List<Integer> pool) {
        int n = pool.size();
        int p = f.stackRow(pool.get(0)).length;
        double[][] z = new double[n][];
        double[][] g = new double[n][];
        double[] mean = new double[p];
        double[] var = new double[p];
        for (int i = 0; i < n; i++) {
            z[i] = f.stackRow(pool.get(i)).clone();
            g[i] = model.gpInput(f, pool.get(i));
            for (int j = 0; j < p; j++) {
                mean[j] += z[i][j] / n;
            }
        }
        for (double[] r : z) {
            for (int j = 0; j < p; j++) {
                var[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
            }
        }
        for (double[] r : z) {
            for (int j = 0; j < p; j++) {
                r[j] = var[j] > 1e-24 ? (r[j] - mean[j]) / Math.sqrt(var[j] * p) : 0;
            }
        }
        GaussianProcess.Hyper h = new GaussianProcess.Hyper(model.lengthScale(), 1, 0);
        GaussianProcess.Kernel shape = model.gp() == StackedGp.GpMode.NONE ? null : model.kernel();
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0;
                for (int q = 0; q < p; q++) {
                    v += z[i][q] * z[j][q];
                }
                if (shape != null) {
                    v += GaussianProcess.kernel(g[i], g[j], h, shape);
                }
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        return c;
    }
}
