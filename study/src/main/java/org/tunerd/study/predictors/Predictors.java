package org.tunerd.study.predictors;

import java.util.List;
import org.tunerd.models.adapt.GaussianProcess;
import org.tunerd.models.adapt.SourceAverage;
import org.tunerd.models.adapt.StackedGp;
import org.tunerd.models.adapt.TransferFeatures;
import org.tunerd.models.data.Metric;

/**
 * Named transfer predictors over {@link TransferFeatures}, for comparison in the study: each fits on a
 * few measured candidates and predicts the log value of every candidate.
 */
public final class Predictors {

    private Predictors() {
    }

    /** A named way to predict log values of all candidates from measured ones. */
    public interface Predictor {
        String name();

        double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY);
    }

    /** {@code log t = a + b log s}: the multiplicative (log-space) linear shift of the same-metric source. */
    public static Predictor logShift() {
        return new Predictor() {
            @Override
            public String name() {
                return "log-shift";
            }

            @Override
            public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
                int n = train.length;
                double mx = 0;
                double my = 0;
                for (int k = 0; k < n; k++) {
                    mx += f.sourceLog(metric, train[k]) / n;
                    my += logY[k] / n;
                }
                double sxy = 0;
                double sxx = 0;
                for (int k = 0; k < n; k++) {
                    double dx = f.sourceLog(metric, train[k]) - mx;
                    sxy += dx * (logY[k] - my);
                    sxx += dx * dx;
                }
                double b = sxx > 1e-12 ? sxy / sxx : 1;
                double[] out = new double[f.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = my + b * (f.sourceLog(metric, i) - mx);
                }
                return out;
            }
        };
    }

    /** A {@link StackedGp} under a name. */
    public static Predictor stacked(String name, StackedGp model) {
        return new Predictor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
                return model.fit(f, metric, train, logY).mean();
            }
        };
    }

    /** A {@link SourceAverage} under its name. */
    public static Predictor sourceAverage(SourceAverage average) {
        return new Predictor() {
            @Override
            public String name() {
                return average.name();
            }

            @Override
            public double[] predictLog(TransferFeatures f, Metric metric, int[] train, double[] logY) {
                return average.predictLog(f, metric, train, logY);
            }
        };
    }

    /** The predictors the study compares, the default ({@code stacked-gp}) first. */
    public static List<Predictor> standardSet() {
        return List.of(
                stacked("stacked-gp", StackedGp.standard()),
                logShift(),
                stacked("stack-ridge", new StackedGp(false, 0.3, StackedGp.GpMode.NONE, 0.5, 0.1)),
                stacked("stack-gp-noprior", new StackedGp(false, 0.3, StackedGp.GpMode.FIXED, 0.5, 0.1)),
                stacked("stacked-gp-ml", new StackedGp(true, Double.NaN, StackedGp.GpMode.MAXIMUM_LIKELIHOOD, 0.5, 0.1)),
                stacked("stacked-gp-srcinput", new StackedGp(true, Double.NaN, StackedGp.GpMode.FIXED, 0.5, 0.1, true)),
                AutoPredictor.standard(),
                stacked("stacked-gp-additive", StackedGp.standard().withKernel(GaussianProcess.Kernel.ADDITIVE)),
                stacked("stacked-gp-2nd-order", StackedGp.standard().withKernel(GaussianProcess.Kernel.SECOND_ORDER)),
                stacked("stacked-gp-influence", StackedGp.standard().withKernel(GaussianProcess.Kernel.ADDITIVE)
                        .withScaling(StackedGp.Scaling.INFLUENCE)),
                stacked("stacked-gp-influence-loo", StackedGp.recommended()),
                sourceAverage(new SourceAverage("source-average-additive",
                        StackedGp.standard().withKernel(GaussianProcess.Kernel.ADDITIVE), true)));
    }
}
