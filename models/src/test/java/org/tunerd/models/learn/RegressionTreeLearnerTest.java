package org.tunerd.models.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tunerd.models.Datasets;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import smile.data.DataFrame;
import smile.regression.RegressionTree;

/** The learner builds Smile's CART directly; it must grow exactly the tree Smile's formula route grows. */
class RegressionTreeLearnerTest {

    private static final MeasurementSet SOURCE = Datasets.read("xception_800x800");

    @ParameterizedTest(name = "{0}, {1} training rows, leaves of at least {2}")
    @CsvSource({"LATENCY, 768, 1", "ENERGY, 768, 1", "ENERGY, 19, 1", "LATENCY, 60, 3", "ENERGY, 400, 5"})
    void predictsAsSmilesFormulaRoute(Metric metric, int rows, int nodeSize) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < SOURCE.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(rows));
        List<Configuration> configurations = new ArrayList<>();
        double[] all = SOURCE.values(metric);
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            configurations.add(SOURCE.configurations().get(order.get(i)));
            y[i] = all[order.get(i)];
        }
        FeatureEncoding encoding = FeatureEncoding.of(SOURCE.space());

        Model model = new RegressionTreeLearner(20, nodeSize).fit(encoding, configurations, y);

        DataFrame frame = Frames.training(encoding.encode(configurations), y);
        Properties p = new Properties();
        p.setProperty("smile.cart.max_depth", "20");
        p.setProperty("smile.cart.max_nodes", Integer.toString(rows));
        p.setProperty("smile.cart.node_size", Integer.toString(nodeSize));
        RegressionTree reference = RegressionTree.fit(Frames.FORMULA, frame, p);
        for (Configuration c : SOURCE.space().configurations()) {
            double expected = reference.predict(Frames.tuple(encoding.encode(c), frame.schema()));
            assertEquals(expected, model.predict(c), 1e-12, c.toString());
        }
    }
}
