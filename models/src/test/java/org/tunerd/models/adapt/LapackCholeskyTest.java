package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

/** LAPACK's Cholesky against the hand-written one, on the source smoother's own matrices. */
class LapackCholeskyTest {

    /** The smoother's inputs for a real profiled source: physical features and the residual of its ridge. */
    private static double[][] features(MeasurementSet source) {
        return PhysicalEncoding.over(source.space().options(), source.configurations()).encode(source.configurations());
    }

    private static double[] residuals(MeasurementSet source, double[][] x) {
        double[][] q = Arrays.stream(x).map(SourceSmoother::quadratic).toArray(double[][]::new);
        double[] y = Arrays.stream(source.values(Metric.ENERGY)).map(Math::log).toArray();
        Ridge ridge = Ridge.fitLoo(q, y);
        double[] r = new double[y.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - ridge.predict(q[i]);
        }
        return r;
    }

    @Test
    void agreesWithTheHandWrittenFactorisationOnARealSourceAndTheSmootherPredictsTheSame() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        double[][] x = features(source);
        double[] r = residuals(source, x);
        double variance = Arrays.stream(r).map(v -> v * v).average().orElseThrow();
        for (int n : new int[] {320, source.size()}) { // a cross-validation fold and the whole source
            double[][] gx = Arrays.copyOf(x, n);
            double[] gr = Arrays.copyOf(r, n);
            for (double fraction : new double[] {0.001, 0.1}) {
                GaussianProcess.Hyper h = new GaussianProcess.Hyper(0.5, variance, variance * fraction);
                double[][] k = GaussianProcess.covariance(gx, h);
                double[] lapack = LapackCholesky.solve(k, gr);
                double[] plain = Cholesky.of(k).solve(gr);
                double scale = Arrays.stream(plain).map(Math::abs).max().orElseThrow();
                for (int i = 0; i < n; i++) {
                    assertEquals(plain[i], lapack[i], 1e-7 * scale, "weight " + i + " of " + n + ", noise " + fraction);
                }
                GaussianProcess reference = GaussianProcess.fit(gx, gr, h, false);
                SourceSmoother.MeanGp mean = SourceSmoother.MeanGp.fit(gx, gr, h);
                for (double[] point : x) {
                    assertEquals(reference.mean(point), mean.at(point), 1e-9, "posterior mean at " + Arrays.toString(point));
                }
            }
        }
    }

    @Test
    void addsJitterWhenRoundingMakesTheMatrixIndefiniteAndRefusesOneThatIsNot() {
        double[][] singular = {{1, 1}, {1, 1}}; // positive semi-definite: factors only with jitter
        double[] x = LapackCholesky.solve(singular, new double[] {2, 2});
        assertEquals(2, x[0] + x[1], 1e-6);
        assertTrue(Double.isFinite(x[0]));
        assertThrows(IllegalArgumentException.class, () -> LapackCholesky.solve(new double[][] {{1, 0}, {0, -5}},
                new double[] {1, 1}));
    }
}
