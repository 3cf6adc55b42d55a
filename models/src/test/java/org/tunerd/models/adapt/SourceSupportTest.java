package org.tunerd.models.adapt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;

/** A source knows where it measured: its trend is held at the edge of its range, and uncertainty grows beyond. */
class SourceSupportTest {

    /** The synthetic board measured only at GPU frequencies of 497 MHz and above (the target also has 140 MHz). */
    private static MeasurementSet highGpuSource() {
        MeasurementSet all = TransferTest.synthetic("a", 0.2, 0.7, TransferTest.SPACE);
        return all.withMeasurements(all.measurements().stream()
                .filter(m -> m.configuration().get("gpu_freq") >= 497250000.0).toList());
    }

    private static Configuration withGpu(Configuration c, double gpu) {
        LinkedHashMap<String, Double> v = new LinkedHashMap<>(c.values());
        v.put("gpu_freq", gpu);
        return new Configuration(v);
    }

    @Test
    void beyondItsMeasuredRangeTheSourceIsHeldAtTheEdgeNotExtrapolated() {
        SourceModel source = new SourceModel(highGpuSource());
        Configuration edge = TransferTest.SPACE.configurations().stream()
                .filter(c -> c.get("gpu_freq") == 497250000.0).findFirst().orElseThrow();
        for (Metric m : Metric.values()) {
            for (double below : new double[] {140250000.0, 40000000.0}) {
                assertEquals(source.logValue(m, edge), source.logValue(m, withGpu(edge, below)), 0.0,
                        m + " at " + below + " Hz: the smoothed view holds the edge value");
                assertEquals(source.measured().logValue(m, edge), source.measured().logValue(m, withGpu(edge, below)),
                        0.0, m + ": the measured view too");
            }
        }
    }

    @Test
    void theVarianceOfAPredictionGrowsWithTheDistanceBeyondTheRangeAndIsZeroInside() {
        SourceSupport support = SourceSupport.of(highGpuSource());
        Configuration inside = TransferTest.SPACE.configurations().stream()
                .filter(c -> c.get("gpu_freq") == 943500000.0).findFirst().orElseThrow();
        Configuration near = withGpu(inside, 140250000.0);
        Configuration far = withGpu(inside, 40000000.0);
        for (Metric m : Metric.values()) {
            assertEquals(0, support.variance(m, inside), 0.0);
            assertTrue(support.variance(m, near) > 0, m + " below the range");
            assertTrue(support.variance(m, far) > support.variance(m, near), m + " farther below");
        }
        assertTrue(support.supports(inside));
        assertFalse(support.supports(near));
        assertEquals(withGpu(inside, 497250000.0), support.hold(near));
    }

    @Test
    void theModelIsLessCertainOutsideTheSourceRangeAndASpreadDesignStaysInside() {
        MeasurementSet target = TransferTest.synthetic("b", 0.5, 0.5, TransferTest.SPACE);
        TransferFeatures f = new TransferFeatures(new SourceModel(highGpuSource()), TransferTest.SPACE,
                target.configurations());
        int[] design = Designs.maximinSupported(f, 8, new int[0], new Random(2));
        assertEquals(8, design.length);
        for (int i : design) {
            assertTrue(f.supported(i), "a spread design stays where the source measured: " + f.candidate(i));
        }
        assertTrue(Arrays.stream(Designs.maximin(f, 8, new int[0], new Random(2))).anyMatch(i -> !f.supported(i)),
                "without the rule, maximin goes to the unmeasured corner (else this test shows nothing)");
        double[] y = Arrays.stream(design).mapToDouble(i -> Math.log(target.get(i).latency())).toArray();
        StackedGp.Fit fit = StackedGp.standard().fit(f, Metric.LATENCY, design, y);
        for (int i = 0; i < f.size(); i++) {
            if (f.supported(i)) {
                assertEquals(fit.sdWithinSupport()[i], fit.sd()[i], 0.0);
            } else {
                assertTrue(fit.sd()[i] > fit.sdWithinSupport()[i] + 0.05, "more uncertain at " + f.candidate(i));
            }
        }
    }
}
