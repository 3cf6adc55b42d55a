package org.tunerd.daemon.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.Configuration;

/** The simulated board's software knob: batch size trades request latency for energy per image. */
class BatchSizeTest {

    private static final List<Long> BATCHES = List.of(1L, 2L, 4L, 8L, 16L);

    private final SimulatedDevice device = SimulatedDevice.create("tx2", BATCHES, 0, 1);

    private AnalyticModel.Estimate at(String dnn, int size, Configuration c, long batch) {
        return device.estimate(Workload.of(dnn, size, size), c.with(AnalyticModel.BATCH_SIZE, batch));
    }

    @Test
    void theSpaceOffersTheBatchSizesOnlyWhenGiven() {
        assertEquals(SimulatedDevice.tx2(1).describe().space().size() * BATCHES.size(), device.describe().space().size());
        assertFalse(SimulatedDevice.tx2(1).describe().space().option(AnalyticModel.BATCH_SIZE).isPresent());
        assertThrows(DeviceException.class, () -> SimulatedDevice.create("tx2", List.of(0L, 1L), 0, 1));
    }

    @Test
    void latencyPerRequestRisesAndEnergyPerImageFallsWithTheBatch() {
        for (String dnn : List.of("resnet50", "mobilenetv2", "xception")) {
            for (Configuration c : List.of(device.describe().space().maximum(), device.describe().space().get(0))) {
                for (int i = 1; i < BATCHES.size(); i++) {
                    var smaller = at(dnn, 224, c, BATCHES.get(i - 1));
                    var larger = at(dnn, 224, c, BATCHES.get(i));
                    assertTrue(larger.latency() > smaller.latency(), dnn + " " + c + ": latency per request rises");
                    assertTrue(larger.energy() < smaller.energy(), dnn + " " + c + ": energy per image falls");
                    assertTrue(larger.latency() / larger.batch() <= smaller.latency() / smaller.batch() * 1.0001,
                            "time per image does not rise: the batch shares launches and weight traffic");
                }
            }
        }
    }

    @Test
    void batchOneIsTheUnbatchedModel() {
        Configuration c = device.describe().space().maximum();
        Configuration hardware = SimulatedDevice.tx2(1).describe().space().maximum();
        var unbatched = SimulatedDevice.create("tx2", 0, 1).estimate(Workload.of("resnet50", 224, 224), hardware);
        var one = at("resnet50", 224, c, 1);
        assertEquals(unbatched.latency(), one.latency(), 1e-15);
        assertEquals(unbatched.energy(), one.energy(), 1e-15);
    }

    @Test
    void minimumEnergyBatchesMinimumLatencyDoesNot() {
        MeasurementSet truth = device.truth(Workload.of("resnet50", 224, 224));
        Measurement leastEnergy = truth.measurements().stream().min(Comparator.comparingDouble(Measurement::energy))
                .orElseThrow();
        Measurement leastLatency = truth.measurements().stream().min(Comparator.comparingDouble(Measurement::latency))
                .orElseThrow();
        assertEquals(16.0, leastEnergy.configuration().get(AnalyticModel.BATCH_SIZE));
        assertEquals(1.0, leastLatency.configuration().get(AnalyticModel.BATCH_SIZE));
    }

    @Test
    void thePowerBudgetHoldsForTheWholeBatch() {
        Configuration max = device.describe().space().maximum();
        var heavy = at("xception", 600, max, 16);
        assertTrue(heavy.averagePower() <= device.board().powerBudget() * (1 + 1e-9), "power " + heavy.averagePower());
    }
}
