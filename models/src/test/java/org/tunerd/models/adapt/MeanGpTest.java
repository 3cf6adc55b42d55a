package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/** The smoother's GP evaluated point by point and in blocks gives the same values, bit for bit. */
class MeanGpTest {

    @Test
    void blockEvaluationEqualsPointEvaluationExactly() {
        Random rng = new Random(3);
        double[][] x = new double[300][4];
        double[] y = new double[x.length];
        double[] levels = {0.0, 0.25, 0.5, 0.75, 1.0};
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = levels[rng.nextInt(levels.length)] + 0.01 * rng.nextGaussian();
            }
            y[i] = Math.sin(3 * x[i][0]) + x[i][1] * x[i][2] + 0.05 * rng.nextGaussian();
        }
        SourceSmoother.MeanGp gp = SourceSmoother.MeanGp.fit(x, y, new GaussianProcess.Hyper(0.5, 1.0, 0.01));
        // more points than a block, values repeating (a grid) and not (random)
        double[][] points = new double[SourceSmoother.MeanGp.BLOCK * 2 + 37][4];
        for (int q = 0; q < points.length; q++) {
            for (int j = 0; j < 4; j++) {
                points[q][j] = q % 3 == 0 ? rng.nextDouble() : levels[rng.nextInt(levels.length)];
            }
        }
        double[] block = gp.atAll(points);
        for (int q = 0; q < points.length; q++) {
            assertEquals(gp.at(points[q]), block[q], 0.0, "point " + q);
        }
        GaussianProcess reference = GaussianProcess.fit(x, y, new GaussianProcess.Hyper(0.5, 1.0, 0.01), false);
        for (int q = 0; q < 50; q++) {
            assertEquals(reference.mean(points[q]), block[q], 1e-9, "posterior mean at point " + q);
        }
    }

    @Test
    void aSourcesSmoothedValuesAreTheSameOneByOneAndTogether() {
        MeasurementSet source = TransferTest.synthetic("a", 0.3, 0.6, TransferTest.SPACE);
        SourceModel model = new SourceModel(source);
        List<Configuration> all = TransferTest.SPACE.configurations();
        for (Metric metric : Metric.values()) {
            double[] together = model.logValues(metric, all);
            for (int i = 0; i < all.size(); i++) {
                assertEquals(model.logValue(metric, all.get(i)), together[i], 0.0, metric + " at " + all.get(i));
            }
        }
    }
}
