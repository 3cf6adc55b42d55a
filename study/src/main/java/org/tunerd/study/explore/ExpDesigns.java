package org.tunerd.study.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tunerd.models.adapt.Designs;
import org.tunerd.models.adapt.GaussianProcess;
import org.tunerd.models.adapt.TransferFeatures;

/** Exploration only: greedy integrated-posterior-variance design. */
final class ExpDesigns {

    private ExpDesigns() {
    }

    /**
     * Starting from one random candidate, repeatedly adds the candidate whose measurement most reduces the
     * summed posterior variance over all candidates, under the additive GP prior (ls 0.5, noise 0.1) on the
     * physical features, plus (if {@code stack}) a linear kernel on the standardised stacking row.
     */
    static int[] ivar(TransferFeatures f, int k, Random rng, boolean stack) {
        return ivar(f, k, rng, stack, false);
    }

    static int[] ivar(TransferFeatures f, int k, Random rng, boolean stack, boolean weighted) {
        double[] w = ExpPredictor.gpWeights(f, null);
        double[][] phys = new double[f.size()][];
        for (int i = 0; i < phys.length; i++) {
            phys[i] = f.physical(i).clone();
            for (int j = 0; j < w.length && weighted; j++) {
                phys[i][j] *= Math.sqrt(w[j]);
            }
        }
        int n = f.size();
        double noise = 0.1;
        GaussianProcess.Hyper h = new GaussianProcess.Hyper(0.5, 1, 0);
        double[][] z = null;
        if (stack) {
            int p = f.stackRow(0).length;
            z = new double[n][p];
            double[] m = new double[p];
            double[] s = new double[p];
            for (int i = 0; i < n; i++) {
                double[] r = f.stackRow(i);
                for (int j = 0; j < p; j++) {
                    z[i][j] = r[j];
                    m[j] += r[j] / n;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    s[j] += (z[i][j] - m[j]) * (z[i][j] - m[j]) / n;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[i][j] = s[j] > 1e-12 ? (z[i][j] - m[j]) / Math.sqrt(s[j]) / Math.sqrt(p) : 0;
                }
            }
        }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = GaussianProcess.kernel(phys[i], phys[j], h, GaussianProcess.Kernel.ADDITIVE);
                if (z != null) {
                    double d = 0;
                    for (int q = 0; q < z[i].length; q++) {
                        d += z[i][q] * z[j][q];
                    }
                    v += d;
                }
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        List<Integer> chosen = new ArrayList<>();
        boolean[] taken = new boolean[n];
        int next = rng.nextInt(n);
        while (true) {
            chosen.add(next);
            taken[next] = true;
            if (chosen.size() >= Math.min(k, n)) {
                break;
            }
            Designs.condition(c, next, noise);
            next = Designs.mostInformative(c, taken, noise);
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
