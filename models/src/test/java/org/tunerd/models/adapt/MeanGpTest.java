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

    /**
     * Grids of every width from 1 to 5 features (shared leading values, shared last values, repeated points,
     * more distinct values than a block holds), in grid and shuffled order: the table evaluation equals the
     * point evaluation bit for bit.
     */
    @Test
    void gridsOfEveryWidthInAnyOrderEqualPointEvaluationExactly() {
        Random rng = new Random(11);
        for (int p = 1; p <= 5; p++) {
            double[][] x = new double[120][p];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < p; j++) {
                    x[i][j] = rng.nextDouble();
                }
                y[i] = Math.cos(2 * x[i][0]) + 0.1 * rng.nextGaussian();
            }
            SourceSmoother.MeanGp gp = SourceSmoother.MeanGp.fit(x, y, new GaussianProcess.Hyper(0.7, 0.8, 0.02));
            List<double[]> grid = new java.util.ArrayList<>();
            int[] levels = {7, 5, 3, 6, 2};
            int total = 1;
            for (int j = 0; j < p; j++) {
                total *= levels[j];
            }
            for (int g = 0; g < total; g++) {
                double[] point = new double[p];
                int rest = g;
                for (int j = p - 1; j >= 0; j--) {
                    point[j] = (rest % levels[j]) / (levels[j] - 1.0);
                    rest /= levels[j];
                }
                grid.add(point);
                if (g % 4 == 0) {
                    grid.add(point.clone()); // a repeated point
                }
            }
            for (int extra = 0; extra < SourceSmoother.MeanGp.BLOCK + 100; extra++) {
                double[] point = new double[p];
                for (int j = 0; j < p; j++) {
                    point[j] = rng.nextDouble(); // more distinct values than a block's tables hold
                }
                grid.add(point);
            }
            List<double[]> shuffled = new java.util.ArrayList<>(grid);
            java.util.Collections.shuffle(shuffled, rng);
            for (List<double[]> order : List.of(grid, shuffled)) {
                double[][] points = order.toArray(double[][]::new);
                double[] block = gp.atAll(points);
                for (int q = 0; q < points.length; q++) {
                    assertEquals(gp.at(points[q]), block[q], 0.0, p + " features, point " + q);
                }
            }
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
