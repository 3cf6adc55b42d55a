package org.tunerd.models.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Option;

class MlpExtrapolationTest {

    /**
     * In a guided-sampling design most options sit at one value and a few rows move another a little: the
     * network must not turn a configuration far outside that range into an absurd prediction.
     */
    @Test
    void inputsBeyondTheTrainingRangeDoNotExplode() {
        List<Configuration> rows = new ArrayList<>();
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            double gpu = 1e8 * (1 + i % 10);
            double cpu = i == 0 ? 1.0e6 : 1.001e6;                // barely varies in the sample
            rows.add(Configuration.of("gpu_freq", gpu, "cpu_freq", cpu));
            y[i] = 1 + 1e9 / gpu;
        }
        FeatureEncoding encoding = FeatureEncoding.of(List.of(Option.ordinal("gpu_freq", List.of(1e8, 2e9)),
                Option.ordinal("cpu_freq", List.of(3e5, 2e6))));
        Model model = new MlpLearner().fit(encoding, rows, y);
        double far = model.predict(Configuration.of("gpu_freq", 5e8, "cpu_freq", 2.0e6));
        assertTrue(far > 0 && far < 20, "prediction for an unseen CPU clock stays in the range of the data: " + far);
    }
}
