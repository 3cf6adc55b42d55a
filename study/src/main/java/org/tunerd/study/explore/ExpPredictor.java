package org.tunerd.study.explore;

import java.util.Arrays;
import org.tunerd.models.adapt.Cholesky;
import org.tunerd.models.adapt.GaussianProcess;
import org.tunerd.models.adapt.Ridge;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Metric;
import org.tunerd.study.predictors.Predictors;

/**
 * Exploration only (third pass of the energy study): the {@link StackedGp} pipeline with knobs for extra
 * ridge columns and GP inputs. Log space, source prior, ridge penalty by LOO, residual GP fixed ls / noise.
 *
 * @param extra  extra ridge columns: "none", "sq" (squares of the physical features), "inv"
 *               (exp(-x*logrange) i.e. min/value per frequency-like option), "sqcpu" (squares of cores and cpu)
 * @param gpIn   GP inputs: "phys", "src" (phys + source logs), "infl" (phys scaled by source main-effect weights)
 * @param kernel GP kernel
 * @param ls     length scale
 */
record ExpPredictor(String name, String extra, String gpIn, GaussianProcess.Kernel kernel, double ls, double noise)
        implements Predictors.Predictor {

    @Override
    public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        int n = train.length;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = row(f, train[k], metric);
            y[k] = logY[k] - f.sourceLog(metric, train[k]);
        }
        Ridge ridge = Ridge.fitLoo(x, y);
        double[] resid = new double[n];
        for (int k = 0; k < n; k++) {
            resid[k] = y[k] - ridge.predict(x[k]);
        }
        double[] w = gpWeights(f, gpIn.equals("inflm") ? metric : null);
        if (gpIn.equals("infls")) {
            for (int j = 0; j < w.length; j++) {
                w[j] = Math.sqrt(w[j]);
            }
        }
        double[][] gx = new double[n][];
        for (int k = 0; k < n; k++) {
            gx[k] = gpRow(f, train[k], w);
        }
        GaussianProcess.Hyper unit = new GaussianProcess.Hyper(ls, 1, noise);
        Cholesky c = Cholesky.of(GaussianProcess.covariance(gx, unit, kernel));
        double[] a = c.solve(resid);
        double quad = 0;
        for (int i = 0; i < n; i++) {
            quad += resid[i] * a[i];
        }
        double signal = Math.max(quad / n, 1e-8);
        GaussianProcess gp = GaussianProcess.fit(gx, resid, new GaussianProcess.Hyper(ls, signal, signal * noise),
                false, kernel);
        double[] out = new double[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.sourceLog(metric, i) + ridge.predict(row(f, i, metric)) + gp.mean(gpRow(f, i, w));
        }
        return out;
    }

    private static final java.util.Map<Object, int[][]> PAIRS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Pairs of physical columns whose product the source's stepwise model (log metric) selected. */
    private static int[][] stepwisePairs(TransferFeatures f, Metric metric) {
        var data = f.source().source();
        return PAIRS.computeIfAbsent(java.util.List.of(data.environment().toString(), metric), k -> {
            var enc = org.tunerd.models.learn.FeatureEncoding.of(data.space());
            double[] y = data.values(metric);
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.log(y[i]);
            }
            var im = org.tunerd.models.influence.StepwiseRegression.defaults().fit(enc, data.configurations(), y);
            java.util.List<String> names = data.space().names();
            java.util.List<int[]> out = new java.util.ArrayList<>();
            for (var t : im.terms()) {
                if (t.order() == 2) {
                    out.add(new int[] {names.indexOf(t.optionNames().get(0)), names.indexOf(t.optionNames().get(1))});
                }
            }
            return out.toArray(int[][]::new);
        });
    }

    private double[] row(TransferFeatures f, int i, Metric metric) {
        double[] base = f.stackRow(i);
        double[] p = f.physical(i);
        return switch (extra) {
            case "stepwise" -> {
                int[][] pairs = stepwisePairs(f, metric);
                double[] r = Arrays.copyOf(base, base.length + pairs.length);
                for (int q = 0; q < pairs.length; q++) {
                    r[base.length + q] = p[pairs[q][0]] * p[pairs[q][1]];
                }
                yield r;
            }
            case "sq" -> {
                double[] r = Arrays.copyOf(base, base.length + p.length);
                for (int j = 0; j < p.length; j++) {
                    r[base.length + j] = p[j] * p[j];
                }
                yield r;
            }
            case "sqcpu" -> {
                double[] r = Arrays.copyOf(base, base.length + 2);
                r[base.length] = p[0] * p[0];
                r[base.length + 1] = p[1] * p[1];
                yield r;
            }
            case "inv" -> {
                double[] r = Arrays.copyOf(base, base.length + p.length);
                for (int j = 0; j < p.length; j++) {
                    r[base.length + j] = Math.exp(-2 * p[j]);
                }
                yield r;
            }
            default -> base;
        };
    }

    private double[] gpRow(TransferFeatures f, int i, double[] w) {
        return switch (gpIn) {
            case "src" -> f.designRow(i);
            case "infl", "inflm", "infls" -> {
                double[] p = f.physical(i).clone();
                for (int j = 0; j < p.length; j++) {
                    p[j] *= w[j];
                }
                yield p;
            }
            default -> f.physical(i);
        };
    }

    /** Per physical feature: max over metrics of (sd of the source's per-level means) / largest such sd. */
    static double[] gpWeights(TransferFeatures f, Metric only) {
        int p = f.physicalWidth();
        double[] w = new double[p];
        for (Metric m : new Metric[] {Metric.LATENCY, Metric.ENERGY}) {
            if (m == Metric.ENERGY && !f.hasSourceEnergy() || only != null && m != only) {
                continue;
            }
            double[] sd = new double[p];
            double max = 0;
            for (int j = 0; j < p; j++) {
                final int column = j;
                sd[j] = TransferFeatures.levelMeansSd(f.size(), i -> f.physical(i)[column], i -> f.sourceLog(m, i));
                max = Math.max(max, sd[j]);
            }
            for (int j = 0; j < p; j++) {
                w[j] = Math.max(w[j], max > 0 ? sd[j] / max : 1);
            }
        }
        return w;
    }
}
