package org.tunerd.models.influence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.space.Configuration;

class StepwiseRegressionTest {

    /** y = 3a + 2bc + noise over five options, of which d and e do nothing. */
    private static List<Configuration> configs = new ArrayList<>();
    private static double[] y;

    static {
        Random r = new Random(11);
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int a = r.nextInt(5);
            int b = r.nextInt(4);
            int c = r.nextInt(3);
            int d = r.nextInt(4);
            int e = r.nextInt(2);
            configs.add(Configuration.of("a", a, "b", b, "c", c, "d", d, "e", e));
            ys.add(3.0 * a + 2.0 * b * c + r.nextGaussian() * 0.5);
        }
        y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Map<List<String>, Double> coefficients(InfluenceModel m) {
        return m.terms().stream().collect(Collectors.toMap(Term::options, Term::coefficient));
    }

    @Test
    void pValueRuleRecoversThreeAPlusTwoBC() {
        InfluenceModel m = StepwiseRegression.defaults().fit(FeatureEncoding.infer(configs), configs, y);
        Map<List<String>, Double> coef = coefficients(m);
        assertEquals(3.0, coef.get(List.of("a")), 0.1, m.toString());
        assertEquals(2.0, coef.get(List.of("b", "c")), 0.1, m.toString());
        assertEquals(0.0, m.intercept(), 0.3, m.toString());
        // at 5% a spurious term may enter by chance, but never with a large effect
        coef.forEach((t, v) -> assertTrue(t.equals(List.of("a")) || t.equals(List.of("b", "c")) || Math.abs(v) < 0.25,
                "spurious " + t + " = " + v + " in " + m));
        assertTrue(m.rSquared() > 0.95);
        assertEquals(List.of("a", "b", "c"), m.influentialOptions().stream().sorted().toList().subList(0, 3));
    }

    @Test
    void bicRuleRecoversExactlyTheTrueTerms() {
        InfluenceModel m = new StepwiseRegression(2, new SelectionRule.Bic(), 20, 200)
                .fit(FeatureEncoding.infer(configs), configs, y);
        assertEquals(Map.of(List.of("a"), 3.0, List.of("b", "c"), 2.0).keySet(), coefficients(m).keySet(), m.toString());
        assertEquals(3.0, coefficients(m).get(List.of("a")), 0.1);
    }

    @Test
    void mainEffectsOnlyCannotSeeTheInteraction() {
        InfluenceModel m = new StepwiseRegression(1, SelectionRule.standard(), 20, 200)
                .fit(FeatureEncoding.infer(configs), configs, y);
        assertTrue(m.terms().stream().allMatch(t -> t.order() == 1), m.toString());
        assertTrue(m.rSquared() < StepwiseRegression.defaults().fit(FeatureEncoding.infer(configs), configs, y).rSquared());
    }

    @Test
    void maxTermsCapsTheModel() {
        InfluenceModel m = new StepwiseRegression(2, SelectionRule.standard(), 1, 200)
                .fit(FeatureEncoding.infer(configs), configs, y);
        assertEquals(1, m.terms().size(), m.toString());
    }

    @Test
    void theModelPredictsWhatItWasFittedOn() {
        InfluenceModel m = StepwiseRegression.defaults().fit(FeatureEncoding.infer(configs), configs, y);
        double rss = 0;
        for (int i = 0; i < y.length; i++) {
            rss += Math.pow(m.predict(configs.get(i)) - y[i], 2);
        }
        assertTrue(rss / y.length < 0.5, "mean squared error " + rss / y.length + " with noise variance 0.25");
    }

    @Test
    void findsInfluentialOptionsOfTheRealSource() {
        MeasurementSet source = Datasets.read("inceptionv3_600x600");
        InfluenceModel m = StepwiseRegression.defaults().fit(FeatureEncoding.of(source.space()),
                source.configurations(), source.values(Metric.LATENCY));
        assertTrue(m.terms().size() >= 2 && m.rSquared() > 0.5, m.toString());
        assertTrue(m.influentialOptions().contains("gpu_freq"), "GPU frequency drives DNN latency: " + m);
    }

    @Test
    void rejectsBadSettingsAndInput() {
        assertThrows(IllegalArgumentException.class, () -> new SelectionRule.PValue(0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new StepwiseRegression(0, SelectionRule.standard(), 5, 5));
        assertThrows(IllegalArgumentException.class,
                () -> StepwiseRegression.defaults().fit(FeatureEncoding.infer(configs), configs, new double[3]));
    }
}
