package org.tunerd.daemon.device.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.DeviceException;
import org.tunerd.daemon.device.Workload;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

class SimulatedDeviceTest {

    private static final List<Workload> ENVIRONMENTS = List.of(Workload.of("xception", 200, 200),
            Workload.of("xception", 800, 800), Workload.of("mobilenetv2", 600, 600), Workload.of("yolov5s", 600, 600),
            Workload.of("resnet50", 224, 224), Workload.of("inceptionv3", 600, 600));

    private static SimulatedDevice exact(String profile) {
        return SimulatedDevice.create(profile, 0, 1);
    }

    private static Configuration best(SimulatedDevice device, Workload w, ToDoubleFunction<AnalyticModel.Estimate> metric) {
        return device.describe().space().stream()
                .min(Comparator.comparingDouble(c -> metric.applyAsDouble(device.estimate(w, c)))).orElseThrow();
    }

    @Test
    void describesATx2LikeSpace() {
        SimulatedDevice device = SimulatedDevice.tx2(1);
        ConfigurationSpace space = device.describe().space();
        assertEquals("sim-tx2", device.describe().hardware());
        assertEquals(List.of("cores", "cpu_freq", "gpu_freq", "emc_freq"), space.names());
        assertEquals(4 * 12 * 4 * 4, space.size());
        assertEquals(List.of(140250000.0, 497250000.0, 943500000.0, 1300500000.0), space.require("gpu_freq").values());
        assertEquals(2035200.0, space.require("cpu_freq").max());
        assertEquals(space.maximum(), device.current());
    }

    @Test
    void moreGpuClockLowersLatencyOfAComputeHeavyDnnWhateverTheOtherOptions() {
        SimulatedDevice device = exact("tx2");
        Workload w = Workload.of("xception", 600, 600);
        List<Double> gpu = device.describe().space().require("gpu_freq").values();
        int[] strict = {0};
        device.describe().space().stream().filter(c -> c.get("gpu_freq") == gpu.get(0)).forEach(base -> {
            AnalyticModel.Estimate previous = null;
            for (double f : gpu) {
                AnalyticModel.Estimate e = device.estimate(w, base.with("gpu_freq", f));
                if (previous != null) {
                    // Never slower; strictly faster unless the power budget caps the effective GPU clock.
                    assertTrue(e.latency() <= previous.latency() * (1 + 1e-9), "latency rose at gpu_freq " + f
                            + " from " + base);
                    if (e.gpuClock() == f) {
                        assertTrue(e.latency() < previous.latency(), "latency did not fall at gpu_freq " + f
                                + " from " + base);
                        strict[0]++;
                    }
                }
                previous = e;
            }
        });
        assertTrue(strict[0] > 400, "strict decreases: " + strict[0]);
        // The GPU is what bounds this DNN: the next lower clock costs > 25 % at one core and full other clocks.
        Configuration oneCore = device.describe().space().maximum().with("cores", 1);
        assertTrue(device.estimate(w, oneCore.with("gpu_freq", 943500000)).latency()
                > 1.25 * device.estimate(w, oneCore).latency());
    }

    @Test
    void powerBudgetThrottlesTheGpuSoAllMaximumIsNotLatencyOptimalOnHeavyInputs() {
        SimulatedDevice device = exact("tx2");
        Configuration max = device.describe().space().maximum();
        Workload heavy = Workload.of("xception", 800, 800);
        AnalyticModel.Estimate atMax = device.estimate(heavy, max);
        assertTrue(atMax.gpuClock() < 1300500000, "effective GPU clock " + atMax.gpuClock());
        assertEquals(device.board().powerBudget(), atMax.averagePower(), 1e-6);
        Configuration fastest = best(device, heavy, AnalyticModel.Estimate::latency);
        assertNotEquals(max, fastest);
        assertTrue(device.estimate(heavy, fastest).latency() < 0.95 * atMax.latency());
        // A light input stays under the budget and runs at the requested clock.
        AnalyticModel.Estimate light = device.estimate(Workload.of("mobilenetv2", 200, 200), max);
        assertEquals(1300500000, light.gpuClock(), 0.0);
        assertTrue(light.averagePower() < device.board().powerBudget());
    }

    @Test
    void memoryAndCpuClocksMatterWhereThePhysicsSaysSo() {
        SimulatedDevice device = exact("tx2");
        Configuration max = device.describe().space().maximum();
        // Memory-bound MobileNetV2 on a large input slows markedly with the slowest EMC clock ...
        Workload mobile = Workload.of("mobilenetv2", 800, 800);
        assertTrue(device.estimate(mobile, max.with("emc_freq", 1062400000)).latency()
                > 1.3 * device.estimate(mobile, max).latency());
        // ... compute-bound Xception hardly does.
        Workload xception = Workload.of("xception", 800, 800);
        assertTrue(device.estimate(xception, max.with("emc_freq", 1062400000)).latency()
                < 1.1 * device.estimate(xception, max).latency());
        // A small input is dispatch-bound: the lowest CPU clock makes it several times slower.
        Workload small = Workload.of("inceptionv3", 200, 200);
        assertTrue(device.estimate(small, max.with("cpu_freq", 345600)).latency()
                > 3 * device.estimate(small, max).latency());
    }

    @Test
    void allMaximumIsNeverEnergyOptimal() {
        for (String profile : SimulatedBoard.names()) {
            SimulatedDevice device = exact(profile);
            Configuration max = device.describe().space().maximum();
            for (Workload w : ENVIRONMENTS) {
                Configuration optimum = best(device, w, AnalyticModel.Estimate::energy);
                assertNotEquals(max, optimum, profile + " " + w);
                double gain = 1 - device.estimate(w, optimum).energy() / device.estimate(w, max).energy();
                assertTrue(gain > 0.05, profile + " " + w + ": energy gain over all-maximum only " + gain);
            }
        }
    }

    @Test
    void optimaDifferAcrossEnvironments() {
        SimulatedDevice device = exact("tx2");
        Set<Configuration> energyOptima = new HashSet<>();
        Set<Configuration> latencyOptima = new HashSet<>();
        for (Workload w : ENVIRONMENTS) {
            energyOptima.add(best(device, w, AnalyticModel.Estimate::energy));
            latencyOptima.add(best(device, w, AnalyticModel.Estimate::latency));
        }
        assertTrue(energyOptima.size() >= 3, "energy optima " + energyOptima);
        assertTrue(latencyOptima.size() >= 3, "latency optima " + latencyOptima);
        // The energy optimum of one environment is a measurably poor choice in another.
        Workload small = Workload.of("mobilenetv2", 200, 200);
        Workload large = Workload.of("mobilenetv2", 800, 800);
        Configuration smallBest = best(device, small, AnalyticModel.Estimate::energy);
        Configuration largeBest = best(device, large, AnalyticModel.Estimate::energy);
        assertNotEquals(smallBest, largeBest);
        assertTrue(device.estimate(large, smallBest).energy() > 1.05 * device.estimate(large, largeBest).energy());
    }

    @Test
    void hardwareChangeIsVisible() {
        SimulatedDevice tx2 = exact("tx2");
        SimulatedDevice xavier = exact("Xavier");
        assertEquals("sim-xavier", xavier.describe().hardware());
        assertNotEquals(tx2.describe().space().require("gpu_freq").values(),
                xavier.describe().space().require("gpu_freq").values());
        assertEquals(8, xavier.describe().space().require("cores").max());
        Workload w = Workload.of("resnet50", 600, 600);
        assertTrue(xavier.estimate(w, xavier.describe().space().maximum()).latency()
                < tx2.estimate(w, tx2.describe().space().maximum()).latency());
    }

    @Test
    void withoutNoiseMeasureIsTheModelAndWithNoiseItIsDeterministicPerSeed() {
        SimulatedDevice exact = exact("tx2");
        Workload w = new Workload("resnet50", 400, 400, Map.of(), Optional.empty(), 1, 5);
        AnalyticModel.Estimate truth = exact.estimate(w, exact.current());
        Measurement m = exact.measure(w);
        assertEquals(truth.latency(), m.latency(), 0.0);
        assertEquals(truth.energy(), m.energy(), 0.0);

        SimulatedDevice a = SimulatedDevice.tx2(7);
        SimulatedDevice b = SimulatedDevice.tx2(7);
        SimulatedDevice c = SimulatedDevice.tx2(8);
        Configuration low = a.describe().space().get(0);
        for (SimulatedDevice d : List.of(a, b, c)) {
            d.apply(low);
        }
        for (int i = 0; i < 20; i++) {
            Measurement ma = a.measure(w);
            assertEquals(ma, b.measure(w));
            assertNotEquals(ma.latency(), c.measure(w).latency());
            assertNotEquals(exact.estimate(w, low).latency(), ma.latency());
        }
    }

    @Test
    void defaultNoiseIsAboutTwoPercent() {
        SimulatedDevice device = SimulatedDevice.tx2(3);
        Workload w = Workload.of("xception", 400, 400);
        double truth = device.estimate(w, device.current()).latency();
        int n = 2000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double log = Math.log(device.measure(w).latency() / truth);
            sum += log;
            sumSq += log * log;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(0, mean, 0.003);
        assertEquals(SimulatedDevice.DEFAULT_NOISE_SIGMA, sd, 0.003);
    }

    @Test
    void invalidConfigurationsAreRejectedNamingTheOption() {
        SimulatedDevice device = SimulatedDevice.tx2(1);
        Configuration before = device.current();
        DeviceException gpu = assertThrows(DeviceException.class, () -> device.apply(before.with("gpu_freq", 1e9)));
        assertTrue(gpu.getMessage().contains("gpu_freq") && gpu.getMessage().contains("1000000000")
                && gpu.getMessage().contains("1300500000"), gpu.getMessage());
        DeviceException cores = assertThrows(DeviceException.class, () -> device.apply(before.with("cores", 5)));
        assertTrue(cores.getMessage().contains("cores"), cores.getMessage());
        DeviceException missing = assertThrows(DeviceException.class,
                () -> device.apply(Configuration.of("cores", 1, "cpu_freq", 345600, "gpu_freq", 140250000)));
        assertTrue(missing.getMessage().contains("emc_freq"), missing.getMessage());
        DeviceException unknown = assertThrows(DeviceException.class, () -> device.apply(before.with("core_mask", 1)));
        assertTrue(unknown.getMessage().contains("core_mask"), unknown.getMessage());
        assertEquals(before, device.current());
    }

    @Test
    void truthCoversTheSpaceWithTheModelValues() {
        SimulatedDevice device = SimulatedDevice.create("xavier", 0.05, 1);
        Workload w = Workload.of("yolov5s", 640, 640);
        MeasurementSet truth = device.truth(w);
        assertTrue(truth.isComplete());
        assertEquals("sim-xavier", truth.environment().hardware());
        assertEquals(best(device, w, AnalyticModel.Estimate::energy), truth.best(Metric.ENERGY).configuration());
        Configuration c = truth.get(123).configuration();
        assertEquals(device.estimate(w, c).latency(), truth.find(c).orElseThrow().latency(), 0.0);
    }

    @Test
    void xavierRejectsTx2Values() {
        SimulatedDevice xavier = SimulatedDevice.create("xavier", 0, 1);
        Configuration tx2Max = SimulatedDevice.tx2(1).current();
        DeviceException e = assertThrows(DeviceException.class, () -> xavier.apply(tx2Max));
        assertTrue(e.getMessage().contains("sim-xavier") && e.getMessage().contains("cpu_freq"), e.getMessage());
    }

    @Test
    void unknownDnnListsTheCatalogue() {
        SimulatedDevice device = SimulatedDevice.tx2(1);
        DeviceException e = assertThrows(DeviceException.class, () -> device.measure(Workload.of("vgg16", 224, 224)));
        assertTrue(e.getMessage().contains("vgg16"), e.getMessage());
        for (String dnn : List.of("inceptionv3", "mobilenetv2", "resnet50", "xception", "yolov5s")) {
            assertTrue(e.getMessage().contains(dnn), e.getMessage());
        }
        assertEquals(device.measure(Workload.of("ResNet50", 224, 224)).configuration(), device.current());
    }

    @Test
    void unknownProfileListsTheProfiles() {
        DeviceException e = assertThrows(DeviceException.class, () -> SimulatedDevice.create("nano", 0, 1));
        assertTrue(e.getMessage().contains("nano") && e.getMessage().contains("[orin, tx2, xavier]"), e.getMessage());
    }

    @Test
    void applyAndRestore() {
        SimulatedDevice device = SimulatedDevice.tx2(1);
        Configuration initial = device.current();
        Configuration low = device.describe().space().get(0);
        device.apply(low);
        assertEquals(low, device.current());
        assertEquals(low, device.measure(Workload.of("xception", 200, 200)).configuration());
        device.restore();
        assertEquals(initial, device.current());
        device.apply(low);
        device.close();
        assertEquals(initial, device.current());
    }
}
