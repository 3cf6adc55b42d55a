package org.tunerd.models.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

class LearnersTest {

    private static final MeasurementSet SOURCE = Datasets.read("inceptionv3_600x600");

    @Test
    void everyLearnerFitsTheSourceLatencyWell() {
        List<Configuration> configs = SOURCE.configurations();
        double[] y = SOURCE.values(Metric.LATENCY);
        FeatureEncoding encoding = FeatureEncoding.of(SOURCE.space());
        for (String name : Learners.NAMES) {
            Learner learner = Learners.create(name);
            assertEquals(name, learner.name());
            Model model = learner.fit(encoding, configs, y);
            double[] p = model.predict(configs);
            double mape = mape(y, p);
            // latency is far from linear in the frequencies, so OLS gets a loose bound
            double bound = name.equals("ols") ? 60 : 15;
            assertTrue(mape < bound, name + " training MAPE " + mape);
            assertEquals(p[7], model.predict(configs.get(7)), 1e-12, name + ": single and batch prediction agree");
        }
    }

    @Test
    void unknownLearnerNamesAreRejectedWithTheKnownNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Learners.create("svm"));
        assertTrue(e.getMessage().contains("'svm'") && e.getMessage().contains("rt"), e.getMessage());
        assertEquals("rf", Learners.create(" RF ").name());
    }

    @Test
    void treeSettingsTakeEffect() {
        List<Configuration> configs = SOURCE.configurations().subList(0, 40);
        double[] y = java.util.Arrays.copyOf(SOURCE.values(Metric.ENERGY), 40);
        double[] exact = new RegressionTreeLearner(20, 1).fit(configs, y).predict(configs);
        assertArrayEquals(y, exact, 1e-9, "leaves of one row reproduce distinct training rows");
        double[] coarse = new RegressionTreeLearner(20, 10).fit(configs, y).predict(configs);
        assertTrue(java.util.Arrays.stream(coarse).distinct().count() <= 4, "node size 10 allows at most 4 leaves");
        double[] stump = new RegressionTreeLearner(2, 1).fit(configs, y).predict(configs);
        assertEquals(2, java.util.Arrays.stream(stump).distinct().count(), "depth 2 (root and leaves) is one split");
    }

    @Test
    void forestSettingsTakeEffectAndSeedsMakeItDeterministic() {
        FeatureEncoding encoding = FeatureEncoding.of(SOURCE.space());
        double[][] x = encoding.encode(SOURCE.configurations());
        double[] y = SOURCE.values(Metric.LATENCY);
        var forest = new RandomForestLearner(16, 3).fitRows(encoding, x, y);
        assertEquals(16, forest.forest().size());
        var again = new RandomForestLearner(16, 3).fitRows(encoding, x, y);
        var other = new RandomForestLearner(16, 4).fitRows(encoding, x, y);
        Configuration c = SOURCE.get(100).configuration();
        assertEquals(forest.predict(c), again.predict(c), 0.0);
        assertTrue(forest.predict(SOURCE.configurations()) != null
                && !java.util.Arrays.equals(forest.predict(SOURCE.configurations()), other.predict(SOURCE.configurations())),
                "another seed gives another forest");
    }

    @Test
    void olsRecoversALinearFunctionAndNeedsEnoughRows() {
        List<Configuration> configs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 4; b++) {
                configs.add(Configuration.of("a", a, "b", b * 1e9));
                ys.add(1.5 + 2 * a - 0.5 * b);
            }
        }
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        Model m = new OlsLearner().fit(configs, y);
        assertEquals(1.5 + 2 * 7 - 0.5 * 2.5, m.predict(Configuration.of("a", 7, "b", 2.5e9)), 1e-9,
                "extrapolates in physical units to values never seen");
        assertThrows(IllegalArgumentException.class, () -> new OlsLearner().fit(configs.subList(0, 3),
                java.util.Arrays.copyOf(y, 3)));
    }

    @Test
    void mlpIsDeterministicForItsSeed() {
        List<Configuration> configs = SOURCE.configurations().subList(0, 64);
        double[] y = java.util.Arrays.copyOf(SOURCE.values(Metric.LATENCY), 64);
        Model a = Learners.create("nn", 5).fit(configs, y);
        Model b = Learners.create("nn", 5).fit(configs, y);
        assertArrayEquals(a.predict(SOURCE.configurations()), b.predict(SOURCE.configurations()), 0.0);
    }

    @Test
    void mlpEpochsTakeEffect() {
        List<Configuration> configs = SOURCE.configurations();
        double[] y = SOURCE.values(Metric.LATENCY);
        double oneEpoch = mape(y, new MlpLearner(new int[] {32, 16}, 1, 16, 0.01, 1).fit(configs, y).predict(configs));
        double many = mape(y, new MlpLearner(new int[] {32, 16}, 100, 16, 0.01, 1).fit(configs, y).predict(configs));
        assertTrue(many < oneEpoch / 2, "1 epoch: " + oneEpoch + ", 100 epochs: " + many);
    }

    @Test
    void mismatchedOrNonFiniteTargetsAreRejected() {
        List<Configuration> configs = SOURCE.configurations().subList(0, 5);
        for (String name : Learners.NAMES) {
            Learner l = Learners.create(name);
            assertThrows(IllegalArgumentException.class, () -> l.fit(configs, new double[4]), name);
            assertThrows(IllegalArgumentException.class, () -> l.fit(configs, new double[] {1, 2, Double.NaN, 4, 5}), name);
        }
    }

    @Test
    void modelsPredictConcurrently() throws Exception {
        List<Configuration> configs = SOURCE.configurations();
        double[] y = SOURCE.values(Metric.ENERGY);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (String name : Learners.NAMES) {
                Model model = Learners.create(name).fit(FeatureEncoding.of(SOURCE.space()), configs, y);
                double[] expected = model.predict(configs);
                List<Future<double[]>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> model.predict(configs)));
                }
                for (Future<double[]> f : results) {
                    assertArrayEquals(expected, f.get(), 0.0, name);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double mape(double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs((p[i] - y[i]) / y[i]);
        }
        return 100 * s / y.length;
    }
}
