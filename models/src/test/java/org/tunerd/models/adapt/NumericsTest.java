package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NumericsTest {

    @Test
    void choleskySolvesAndInverts() {
        double[][] a = {{4, 2, 0.6}, {2, 5, 1}, {0.6, 1, 3}};
        Cholesky c = Cholesky.of(a);
        double[] x = c.solve(new double[] {1, 2, 3});
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += a[i][j] * x[j];
            }
            assertEquals(i + 1, s, 1e-12);
        }
        double det = 4 * (5 * 3 - 1) - 2 * (2 * 3 - 0.6) + 0.6 * (2 - 5 * 0.6);
        assertEquals(Math.log(det), c.logDet(), 1e-12);
        double[][] inv = c.inverse();
        assertEquals(1, a[0][0] * inv[0][0] + a[0][1] * inv[1][0] + a[0][2] * inv[2][0], 1e-12);
    }

    @Test
    void choleskyRejectsIndefiniteMatrix() {
        assertThrows(IllegalArgumentException.class, () -> Cholesky.of(new double[][] {{1, 0}, {0, -5}}));
    }

    @Test
    void ridgeRecoversLinearFunctionAndLooPrefersSmallPenaltyWithoutNoise() {
        Random rng = new Random(1);
        double[][] x = new double[30][3];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = rng.nextGaussian();
            }
            y[i] = 2 + 3 * x[i][0] - x[i][1];
        }
        Ridge r = Ridge.fitLoo(x, y);
        assertEquals(Ridge.LAMBDAS[0], r.lambda());
        assertEquals(2 + 3 * 0.5 - 0.25, r.predict(new double[] {0.5, 0.25, 9}), 0.05);
        Ridge heavy = Ridge.fit(x, y, 1000);
        assertTrue(Math.abs(heavy.predict(new double[] {0.5, 0.25, 9}) - r.intercept()) < 0.5,
                "a large penalty shrinks to the mean");
    }

    @Test
    void ridgeIgnoresConstantFeature() {
        double[][] x = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        double[] y = {2, 4, 6, 8};
        Ridge r = Ridge.fit(x, y, 1e-6);
        assertEquals(10, r.predict(new double[] {5, 7}), 1e-3);
        assertEquals(0, r.weights()[1], 0);
    }

    @Test
    void gaussianProcessInterpolatesAndIsUncertainFarAway() {
        double[][] x = {{0}, {0.25}, {0.5}, {0.75}, {1}};
        double[] y = new double[5];
        for (int i = 0; i < 5; i++) {
            y[i] = Math.sin(3 * x[i][0]);
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, new GaussianProcess.Hyper(0.3, 1, 1e-6), true);
        GaussianProcess.Prediction near = gp.predict(new double[] {0.25});
        assertEquals(y[1], near.mean(), 1e-4);
        assertTrue(near.sd() < 0.01);
        assertEquals(Math.sin(3 * 0.6), gp.mean(new double[] {0.6}), 0.02);
        GaussianProcess.Prediction far = gp.predict(new double[] {5});
        assertTrue(far.sd() > 0.9, "prior sd far from the data, got " + far.sd());
    }

    @Test
    void maximumLikelihoodPicksLongScaleForSmoothAndNoiseForNoise() {
        Random rng = new Random(3);
        double[][] x = new double[25][1];
        double[] smooth = new double[25];
        double[] noise = new double[25];
        for (int i = 0; i < 25; i++) {
            x[i][0] = i / 24.0;
            smooth[i] = x[i][0] * x[i][0];
            noise[i] = rng.nextGaussian();
        }
        GaussianProcess s = GaussianProcess.fitMaximumLikelihood(x, smooth, true);
        GaussianProcess n = GaussianProcess.fitMaximumLikelihood(x, noise, true);
        assertTrue(s.hyper().noise() / s.hyper().signal() <= 0.01, "smooth data: " + s.hyper());
        assertTrue(n.hyper().noise() / n.hyper().signal() >= 0.3, "noise data: " + n.hyper());
        assertEquals(0.25 * 0.25, s.mean(new double[] {0.25}), 0.01);
    }

    @Test
    void normalHelpersAreAccurate() {
        assertEquals(0.5, SequentialOptimiser.normalCdf(0), 1e-7);
        assertEquals(0.975, SequentialOptimiser.normalCdf(1.959964), 1e-6);
        assertEquals(0.025, SequentialOptimiser.normalCdf(-1.959964), 1e-6);
        // EI of a point certainly better by 1 is 1; certainly worse is 0
        assertEquals(1, SequentialOptimiser.expectedImprovement(0, -1, 1e-9), 1e-9);
        assertEquals(0, SequentialOptimiser.expectedImprovement(0, 1, 1e-9), 1e-9);
        assertArrayEquals(new double[] {0.3989423}, new double[] {SequentialOptimiser.normalPdf(0)}, 1e-7);
    }
}
