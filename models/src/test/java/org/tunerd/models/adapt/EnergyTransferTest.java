package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;

/** The additive kernels, the level-rank design and the source average. */
class EnergyTransferTest {

    private static final GaussianProcess.Hyper H = new GaussianProcess.Hyper(0.5, 2, 0);

    @Test
    void additiveKernelsAreTheRbfInOneDimensionAndDifferInSeveral() {
        double[] a = {0.2};
        double[] b = {0.7};
        double rbf = GaussianProcess.kernel(a, b, H, GaussianProcess.Kernel.RBF);
        for (GaussianProcess.Kernel k : GaussianProcess.Kernel.values()) {
            if (k != GaussianProcess.Kernel.SECOND_ORDER) {
                assertEquals(rbf, GaussianProcess.kernel(a, b, H, k), 1e-12, k.name());
            }
        }
        // two points that share one coordinate and are far apart in the other: the RBF sees them as far,
        // the additive kernels keep the shared coordinate's similarity
        double[] c = {0, 0};
        double[] d = {0, 1};
        double far = GaussianProcess.kernel(c, d, H, GaussianProcess.Kernel.RBF);
        double additive = GaussianProcess.kernel(c, d, H, GaussianProcess.Kernel.ADDITIVE_ONLY);
        assertEquals(2 * Math.exp(-2), far, 1e-12);
        assertEquals(2 * 0.5 * (1 + Math.exp(-2)), additive, 1e-12);
        assertEquals(0.5 * (far + additive), GaussianProcess.kernel(c, d, H, GaussianProcess.Kernel.ADDITIVE), 1e-12);
        // second order: mean of (rbf, first-order mean, pairwise-product mean); with two inputs the only
        // pairwise product is the RBF itself
        assertEquals((far + additive + far) / 3, GaussianProcess.kernel(c, d, H, GaussianProcess.Kernel.SECOND_ORDER),
                1e-12);
        // every kernel is the signal variance at zero distance
        for (GaussianProcess.Kernel k : GaussianProcess.Kernel.values()) {
            assertEquals(2, GaussianProcess.kernel(c, c, H, k), 1e-12, k.name());
        }
    }

    @Test
    void additiveGpLearnsAMainEffectFromPointsThatDifferInEveryOtherInput() {
        // y depends on x0 only, but no two training points are close in the other 3 inputs
        Random rng = new Random(3);
        double[][] x = new double[12][4];
        double[] y = new double[12];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = rng.nextDouble();
            }
            y[i] = Math.sin(3 * x[i][0]);
        }
        GaussianProcess.Hyper h = new GaussianProcess.Hyper(0.3, 1, 1e-4);
        GaussianProcess rbf = GaussianProcess.fit(x, y, h, true, GaussianProcess.Kernel.RBF);
        GaussianProcess add = GaussianProcess.fit(x, y, h, true, GaussianProcess.Kernel.ADDITIVE_ONLY);
        double errRbf = 0;
        double errAdd = 0;
        for (int t = 0; t < 200; t++) {
            double[] p = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            double truth = Math.sin(3 * p[0]);
            errRbf += Math.abs(rbf.mean(p) - truth);
            errAdd += Math.abs(add.mean(p) - truth);
        }
        assertTrue(errAdd < 0.5 * errRbf, "additive " + errAdd + " vs rbf " + errRbf);
    }

    @Test
    void rankDesignCoversMoreOptionLevelsThanMaximin() {
        MeasurementSet source = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.5, TransferTest.SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(source), TransferTest.SPACE, target.configurations());
        int rank = 0;
        int plain = 0;
        for (int seed = 0; seed < 10; seed++) {
            int[] train = Designs.maximinRank(f, 8, new int[0], new Random(seed));
            assertEquals(8, Arrays.stream(train).distinct().count());
            rank += levelsCovered(f, train);
            plain += levelsCovered(f, Designs.maximin(f, 8, new int[0], new Random(seed)));
        }
        assertTrue(rank > plain, "levels covered: rank design " + rank + ", maximin " + plain);
    }

    private static int levelsCovered(TransferFeatures f, int[] train) {
        int covered = 0;
        for (String option : List.of("cores", "cpu_freq", "gpu_freq")) {
            Set<Double> seen = new HashSet<>();
            for (int i : train) {
                seen.add(f.candidate(i).get(option));
            }
            covered += seen.size();
        }
        return covered;
    }

    @Test
    void sourceAverageIsTheModelWithOneSourceAndWeighsSourcesByTheirLooError() {
        MeasurementSet good = TransferTest.synthetic("good", 0.4, 0.55, TransferTest.SPACE);
        MeasurementSet poor = TransferTest.synthetic("poor", 0.2, 0.05, TransferTest.SPACE);
        MeasurementSet target = TransferTest.synthetic("target", 0.5, 0.5, TransferTest.SPACE);
        StackedGp model = StackedGp.standard().withKernel(GaussianProcess.Kernel.ADDITIVE);
        SourceAverage average = new SourceAverage("avg", model);
        SourceModel goodModel = new SourceModel(good);
        TransferFeatures one = new TransferFeatures(goodModel, TransferTest.SPACE, target.configurations());
        assertSame(one, one.perSource().get(0));
        int[] train = Designs.maximin(one, 10, new int[0], new Random(1));
        double[] y = Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).energy())).toArray();
        assertArrayEquals(model.fit(one, Metric.ENERGY, train, y).mean(),
                average.predictLog(one, Metric.ENERGY, train, y), 1e-12);

        TransferFeatures two = new TransferFeatures(List.of(goodModel, new SourceModel(poor)), TransferTest.SPACE,
                target.configurations());
        assertEquals(2, two.perSource().size());
        double goodErr = SourceAverage.looError(model, two.perSource().get(0), Metric.LATENCY, train,
                Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray());
        double poorErr = SourceAverage.looError(model, two.perSource().get(1), Metric.LATENCY, train,
                Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray());
        assertTrue(goodErr < poorErr, goodErr + " vs " + poorErr);
        double[] w = SourceAverage.weights(new double[] {goodErr, poorErr});
        assertEquals(1, w[0] + w[1], 1e-12);
        assertEquals(poorErr * poorErr / (goodErr * goodErr + poorErr * poorErr), w[0], 1e-12);
        double[] pred = average.predictLog(two, Metric.LATENCY, train,
                Arrays.stream(train).mapToDouble(i -> Math.log(target.get(i).latency())).toArray());
        assertEquals(target.size(), pred.length);
        double err = 0;
        for (int i = 0; i < pred.length; i++) {
            err += Math.abs(Math.exp(pred[i]) / target.get(i).latency() - 1) / pred.length;
        }
        assertTrue(err < 0.05, "source average error " + err);
    }
}
