package org.tunerd.study.explore;

import java.util.List;
import org.tunerd.models.adapt.SourceAverage;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Metric;
import org.tunerd.study.predictors.Predictors;

/** Exploration only: several StackedGp models averaged with weights 1/e^2 of their LOO error (or the best). */
record ExpAverage(String name, List<StackedGp> models, boolean best) implements Predictors.Predictor {
    @Override
    public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
        double[] e = new double[models.size()];
        double[][] p = new double[models.size()][];
        for (int s = 0; s < e.length; s++) {
            p[s] = models.get(s).fit(f, metric, train, logY).mean();
            e[s] = SourceAverage.looError(models.get(s), f, metric, train, logY);
        }
        double[] w = SourceAverage.weights(e);
        if (best) {
            int b = 0;
            for (int s = 1; s < e.length; s++) {
                b = e[s] < e[b] ? s : b;
            }
            java.util.Arrays.fill(w, 0);
            w[b] = 1;
        }
        double[] out = new double[f.size()];
        for (int s = 0; s < e.length; s++) {
            for (int i = 0; i < out.length; i++) {
                out[i] += w[s] * p[s][i];
            }
        }
        return out;
    }
}
