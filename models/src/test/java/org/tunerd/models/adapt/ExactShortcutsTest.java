package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tunerd.models.adapt.SyntheticBoards.board;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * The shortcuts that make the nested leave-one-out fits cheaper give the numbers of the long way, bit for bit:
 * the mean-only predictions, the remembered kernel table, the shared source-prior fit and the ridge's
 * side-by-side leave-one-out solves, and latency and energy fitted on one set of features.
 */
class ExactShortcutsTest {

    private static final ConfigurationSpace SPACE = SyntheticBoards.SPACE;

    private static final double ALL = Double.POSITIVE_INFINITY;

    /** Two sources, the second measured below the highest GPU frequency only (so some samples lie outside it). */
    private final List<SourceModel> sources = List.of(new SourceModel(board("a", 0.2, 0.7, 50, 1, ALL)).smoothed(),
            new SourceModel(board("c", 0.3, 0.5, 40, 2, 828750000.0)).smoothed());
    private final List<Measurement> samples = board("b", 0.5, 0.6, 12, 4, ALL).measurements();
    private final TransferFeatures features = TransferFeatures.of(sources,
            samples.stream().map(Measurement::configuration).toList(), sources.get(0).source().configurations());
    private final int[] train = new int[samples.size()];
    private final double[] logY = new double[samples.size()];

    ExactShortcutsTest() {
        for (int k = 0; k < train.length; k++) {
            train[k] = k;
            logY[k] = Math.log(samples.get(k).energy());
        }
    }

    /** The models the daemon and the study fit, covering every branch of a prediction. */
    private static List<StackedGp> models() {
        StackedGp recommended = StackedGp.recommended();
        return List.of(recommended, StackedGp.standard(),
                recommended.withScaling(StackedGp.Scaling.INFLUENCE),
                recommended.withTrust(StackedGp.Trust.LEARNED),
                recommended.withKernel(GaussianProcess.Kernel.SECOND_ORDER),
                new StackedGp(true, Double.NaN, StackedGp.GpMode.NONE, 0.5, 0.1),
                new StackedGp(true, Double.NaN, StackedGp.GpMode.MAXIMUM_LIKELIHOOD, 0.5, 0.1),
                new StackedGp(false, 1, StackedGp.GpMode.FIXED, 0.5, 0.1, true));
    }

    @Test
    void someSamplesLieOutsideASourcesMeasuredRange() {
        assertTrue(Arrays.stream(train).anyMatch(k -> !features.supported(k)));
        assertTrue(Arrays.stream(train).anyMatch(features::supported));
    }

    @Test
    void latencyAndEnergyFittedTogetherAreTheFitsOfEachOnItsOwn() {
        StackedGpTransfer transfer = new StackedGpTransfer();
        List<Metric> both = List.of(Metric.LATENCY, Metric.ENERGY);
        for (List<SourceModel> s : List.of(sources.subList(0, 1), sources)) {
            for (int n : new int[] {2, 5, samples.size()}) {
                List<Measurement> used = samples.subList(0, n);
                SourceFeatures table = StackedGpTransfer.sourceFeatures(s, SPACE.configurations());
                List<org.tunerd.models.learn.ValidatedModel> together = transfer.fitValidated(table, both, used);
                assertEquals(2, together.size());
                for (int m = 0; m < both.size(); m++) {
                    // a fresh table, so that nothing the joint fit computed is reused
                    SourceFeatures own = StackedGpTransfer.sourceFeatures(s, SPACE.configurations());
                    var alone = transfer.fitValidated(own, both.get(m), used);
                    String what = s.size() + " sources, n=" + n + ", " + both.get(m);
                    assertEquals(Double.doubleToRawLongBits(alone.cvMape()),
                            Double.doubleToRawLongBits(together.get(m).cvMape()), what);
                    assertArrayEquals(alone.model().predict(SPACE.configurations()),
                            together.get(m).model().predict(SPACE.configurations()), 0, what);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> transfer.fitValidated(
                StackedGpTransfer.sourceFeatures(sources, SPACE.configurations()), both, List.of()));
    }

    @Test
    void theMeanOnlyPredictionsAreThoseOfTheFullPredictions() {
        for (StackedGp model : models()) {
            for (int n : new int[] {2, 5, train.length}) {
                int[] t = Arrays.copyOf(train, n);
                double[] y = Arrays.copyOf(logY, n);
                for (boolean memo : new boolean[] {false, true}) {
                    StackedGp.Fitted fitted = memo ? TrainingMemo.within(() -> model.train(features, Metric.ENERGY, t, y))
                            : model.train(features, Metric.ENERGY, t, y);
                    for (int i = 0; i < features.size(); i++) {
                        final int c = i;
                        double mean = memo ? TrainingMemo.within(() -> fitted.meanLog(c)) : fitted.meanLog(c);
                        assertEquals(fitted.predictLog(i).mean(), mean, 0, model + " n=" + n + " candidate " + i);
                    }
                    for (Configuration c : SPACE.configurations()) {
                        assertEquals(fitted.predictLog(c).mean(), fitted.meanLog(c), 0, model + " n=" + n + " " + c);
                    }
                }
            }
        }
    }

    @Test
    void modelsTrainedWithTheKernelTableAndTheSharedPriorPredictWhatModelsTrainedWithoutThemPredict() {
        for (StackedGp model : models()) {
            for (Metric metric : Metric.values()) {
                StackedGp.Fitted direct = model.train(features, metric, train, logY);
                StackedGp.Fitted remembered = TrainingMemo.within(() -> {
                    // the other scaling first, so that the prior and the kernels are shared where they can be
                    model.withScaling(StackedGp.Scaling.NONE).train(features, metric, train, logY);
                    return model.train(features, metric, train, logY);
                });
                double[] heldOutDirect = model.looLog(features, metric, train, logY);
                double[] heldOutRemembered = TrainingMemo.within(() -> model.looLog(features, metric, train, logY));
                assertArrayEquals(heldOutDirect, heldOutRemembered, 0, model + " " + metric);
                for (Configuration c : SPACE.configurations()) {
                    GaussianProcess.Prediction a = direct.predictLog(c);
                    GaussianProcess.Prediction b = remembered.predictLog(c);
                    assertEquals(a.mean(), b.mean(), 0, model + " " + metric + " " + c);
                    assertEquals(a.variance(), b.variance(), 0, model + " " + metric + " " + c);
                }
            }
        }
    }

    private static double[][] points(Random r, int n, int width) {
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = r.nextDouble();
            }
        }
        return x;
    }

    @Test
    void theKernelFromItsPartsIsTheKernel() {
        Random r = new Random(5);
        double[][] x = points(r, 9, 4);
        for (GaussianProcess.Kernel shape : GaussianProcess.Kernel.values()) {
            GaussianProcess.Hyper h = new GaussianProcess.Hyper(0.37, 1.7, 0.2);
            KernelTable table = new KernelTable(x.length, i -> x[i], h.lengthScale(), shape);
            for (int a = 0; a < x.length; a++) {
                for (int b = 0; b < x.length; b++) {
                    double k = GaussianProcess.kernel(x[a], x[b], h, shape);
                    assertEquals(referenceKernel(x[a], x[b], h, shape), k, 0, shape.name());
                    double unit = GaussianProcess.kernelUnit(x[a], x[b], h.lengthScale(), shape);
                    assertEquals(k, GaussianProcess.kernelFromUnit(unit, x[a].length, h.signal(), shape), 0, shape.name());
                    assertEquals(k, table.kernel(a, b, h.signal()), 0, shape.name());
                    assertEquals(k, table.kernel(b, a, h.signal()), 0, shape.name());
                }
            }
            int[] subset = {7, 2, 5, 0};
            double[][] sx = {x[7], x[2], x[5], x[0]};
            double[][] expected = GaussianProcess.covariance(sx, h, shape);
            double[][] actual = table.covariance(subset, h);
            for (int i = 0; i < subset.length; i++) {
                assertArrayEquals(expected[i], actual[i], 0, shape.name());
            }
            double[] y = {0.3, -0.1, 0.4, 0.05};
            GaussianProcess direct = GaussianProcess.fit(sx, y, h, false, shape);
            GaussianProcess given = GaussianProcess.fit(sx, actual, y, h, false, shape);
            for (int c = 0; c < x.length; c++) {
                assertEquals(direct.predict(x[c]).mean(), given.predict(x[c]).mean(), 0);
                assertEquals(direct.predict(x[c]).variance(), given.predict(x[c]).variance(), 0);
                assertEquals(direct.mean(x[c]), given.meanGivenKernels(table.row(c, subset, h.signal())), 0);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> table.covariance(subset, new GaussianProcess.Hyper(0.5, 1, 0.1)));
        }
    }

    /** GaussianProcess.kernel as one expression per shape (before it was split into a unit and a signal). */
    private static double referenceKernel(double[] a, double[] b, GaussianProcess.Hyper h, GaussianProcess.Kernel shape) {
        double d = 0;
        double sum = 0;
        double sumSq = 0;
        double l2 = h.lengthScale() * h.lengthScale();
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            d += t * t;
            if (shape != GaussianProcess.Kernel.RBF) {
                double kj = Math.exp(-0.5 * t * t / l2);
                sum += kj;
                sumSq += kj * kj;
            }
        }
        double rbf = Math.exp(-0.5 * d / l2);
        int p = Math.max(a.length, 1);
        return switch (shape) {
            case RBF -> h.signal() * rbf;
            case ADDITIVE -> h.signal() * 0.5 * (rbf + sum / p);
            case ADDITIVE_ONLY -> h.signal() * sum / p;
            case SECOND_ORDER -> {
                double pairs = p > 1 ? 0.5 * (sum * sum - sumSq) / (p * (p - 1) / 2.0) : 0;
                yield h.signal() * (rbf + sum / p + pairs) / 3;
            }
        };
    }

    @Test
    void aKernelTableRefusesMoreCandidatesThanItsLimit() {
        assertThrows(IllegalArgumentException.class,
                () -> new KernelTable(KernelTable.MAX_SIZE + 1, i -> new double[1], 0.5, GaussianProcess.Kernel.RBF));
    }

    @Test
    void forwardSolvesSideBySideAreTheForwardSolves() {
        Random r = new Random(3);
        double[][] z = points(r, 11, 6);
        double[][] a = new double[6][6];
        for (double[] row : z) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) {
                    a[j][k] += row[j] * row[k];
                }
            }
        }
        for (int j = 0; j < 6; j++) {
            a[j][j] += 0.1;
        }
        Cholesky c = Cholesky.of(a);
        double[][] zt = new double[6][z.length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < 6; j++) {
                zt[j][i] = z[i][j];
            }
        }
        double[][] vt = c.forwardColumns(zt);
        for (int i = 0; i < z.length; i++) {
            double[] v = c.forward(z[i]);
            for (int j = 0; j < 6; j++) {
                assertEquals(v[j], vt[j][i], 0);
            }
        }
    }

    @Test
    void theRidgeIsTheOneTheDirectLeaveOneOutFormulaChooses() {
        Random r = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 4 + r.nextInt(16);
            int p = 1 + r.nextInt(12);
            double[][] x = points(r, n, p);
            if (trial % 4 == 0) {
                for (double[] row : x) {
                    row[0] = 0.5; // a constant feature
                }
            }
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i][p - 1] * 2 - x[i][0] + 0.1 * r.nextGaussian();
            }
            double[] other = new double[n];
            for (int i = 0; i < n; i++) {
                other[i] = -x[i][0] * 3 + 0.5 * r.nextGaussian();
            }
            assertSameRidge(ReferenceRidge.fitLoo(x, y), Ridge.fitLoo(x, y));
            // one design shared by two targets, as latency's and energy's ridges on the same samples share it
            Ridge.Design shared = new Ridge.Design(x);
            assertSameRidge(ReferenceRidge.fitLoo(x, y), Ridge.fitLoo(shared, y));
            assertSameRidge(ReferenceRidge.fitLoo(x, other), Ridge.fitLoo(shared, other));
            assertSameRidge(Ridge.fit(x, other, 1), Ridge.fit(shared, other, 1));
            assertSameRidge(Ridge.fit(x, y, 0.7), Ridge.fit(shared, y, 0.7));
        }
    }

    private static void assertSameRidge(Ridge expected, Ridge actual) {
        assertEquals(expected.lambda(), actual.lambda(), 0);
        assertEquals(expected.intercept(), actual.intercept(), 0);
        assertArrayEquals(expected.weights(), actual.weights(), 0);
        assertArrayEquals(expected.mean(), actual.mean(), 0);
        assertArrayEquals(expected.scale(), actual.scale(), 0);
    }

    /** Ridge.fitLoo the direct way: the full Gram matrix, one forward solve per sample. */
    private static final class ReferenceRidge {
        static Ridge fitLoo(double[][] x, double[] y) {
            int n = x.length;
            int p = x[0].length;
            double[] m = new double[p];
            double[] s = new double[p];
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    m[j] += row[j] / n;
                }
            }
            for (double[] row : x) {
                for (int j = 0; j < p; j++) {
                    s[j] += (row[j] - m[j]) * (row[j] - m[j]) / n;
                }
            }
            boolean[] constant = new boolean[p];
            for (int j = 0; j < p; j++) {
                s[j] = Math.sqrt(s[j]);
                if (!(s[j] > 1e-12)) {
                    s[j] = 1;
                    constant[j] = true;
                }
            }
            double ym = Arrays.stream(y).average().orElseThrow();
            double[][] z = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[i][j] = constant[j] ? 0 : (x[i][j] - m[j]) / s[j];
                }
            }
            double[][] gram = new double[p][p];
            double[] b = new double[p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    b[j] += z[i][j] * (y[i] - ym);
                    for (int k = 0; k < p; k++) {
                        gram[j][k] += z[i][j] * z[i][k];
                    }
                }
            }
            Ridge best = null;
            double bestLoo = Double.NaN;
            for (double lambda : Ridge.LAMBDAS) {
                double[][] a = new double[p][];
                for (int j = 0; j < p; j++) {
                    a[j] = gram[j].clone();
                    a[j][j] += Math.max(lambda, 1e-9);
                }
                Cholesky c = Cholesky.of(a);
                double[] w = c.solve(b);
                double loo = 0;
                for (int i = 0; i < n; i++) {
                    double[] v = c.forward(z[i]);
                    double h = 1.0 / n;
                    double fit = ym;
                    for (int j = 0; j < p; j++) {
                        h += v[j] * v[j];
                        fit += w[j] * z[i][j];
                    }
                    double e = (y[i] - fit) / Math.max(1 - h, 1e-6);
                    loo += e * e / n;
                }
                if (best == null || loo < bestLoo) {
                    best = new Ridge(m.clone(), s.clone(), w, ym, lambda);
                    bestLoo = loo;
                }
            }
            return best;
        }
    }
}
