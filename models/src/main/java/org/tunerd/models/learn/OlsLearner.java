package org.tunerd.models.learn;

import java.util.List;
import org.tunerd.models.space.Configuration;
import smile.regression.LinearModel;
import smile.regression.OLS;

/**
 * Ordinary least squares on Smile with an intercept, solved by SVD so that constant or collinear
 * columns (a sample that never varies an option, one-hot categories) do not fail the fit.
 */
public final class OlsLearner implements Learner {

    @Override
    public String name() {
        return "ols";
    }

    @Override
    public Model fit(FeatureEncoding encoding, List<Configuration> configurations, double[] targets) {
        TrainingData data = TrainingData.of(name(), encoding, configurations, targets, encoding.width() + 2);
        LinearModel model = OLS.fit(Frames.FORMULA, Frames.training(data.x(), data.y()), "svd", false, false);
        return new Linear(encoding, model.intercept(), model.coefficients().clone());
    }

    /** {@code intercept + coefficients . x}; immutable. */
    record Linear(FeatureEncoding encoding, double intercept, double[] coefficients) implements Model {
        @Override
        public double predict(Configuration configuration) {
            double[] x = encoding.encode(configuration);
            double y = intercept;
            for (int j = 0; j < x.length; j++) {
                y += coefficients[j] * x[j];
            }
            return y;
        }
    }
}
