import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.SimulatedBoard;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.models.adaptation.AdaptationResult;
import org.tunerd.models.adaptation.AdaptationRun;
import org.tunerd.models.adaptation.AdaptationTask;
import org.tunerd.models.adaptation.Adaptations;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;
import org.tunerd.models.transfer.Source;

/**
 * The adaptation path's cost as the space grows: thread CPU seconds and peak heap of one STACKED-GP adaptation
 * (19 measurements, 4 sources by default, min-energy) on a simulated board, from the model-level API. Not part
 * of the product: a measuring harness for {@code bench/adaptation-scale.sh}.
 *
 * <p>The target and its sources are the simulated board's analytic model ({@link SimulatedDevice#estimate})
 * with 2 % lognormal noise: target {@code xception 299x299}, sources mobilenetv2, resnet50, inceptionv3 and
 * yolov5s (as many as {@code --sources}). Each source is a stored profile of {@code --source-rows} distinct
 * random configurations of the space (all of them when the space is smaller), like {@code tunerd profile
 * --budget N}. With {@code --batch K} the space gets one more ordinal option {@code batch} with K values
 * (1..16), the software option of the issue: per-image latency {@code x (0.45 + 0.55 / b^0.8) (1 + 0.015 b)},
 * energy {@code x (0.55 + 0.45 / b^0.6)}, with a per-DNN exponent so that the sources differ.
 *
 * <p>Each round: the source models are fitted first (the daemon's {@code SourceCache} keeps them between
 * sessions; reported as {@code source-fit}), then the adaptation runs on this thread: start, 19 times
 * next/observe, fit (the whole-space prediction included). Reported per round: thread CPU seconds of the
 * adaptation, the peak heap (sum of the heap pools' peak usage since the round started, after a GC) in MB, and
 * the regret of the recommended configuration against the noise-free optimum of the whole space (not timed).
 * Usage: {@code java -cp tunerd.jar bench/AdaptationScale.java --board tx2|xavier|orin [--batch K]
 * [--sources 4] [--source-rows 2000] [--budget 19] [--rounds 3] [--objective min-energy|min-latency]}.
 */
public final class AdaptationScale {

    private static final String[] SOURCE_DNNS = {"mobilenetv2", "resnet50", "inceptionv3", "yolov5s"};
    private static final int[][] SOURCE_SIZES = {{224, 224}, {224, 224}, {299, 299}, {640, 640}};

    public static void main(String[] args) throws Exception {
        String board = "tx2";
        int batch = 0;
        int sources = 4;
        int sourceRows = 2000;
        int budget = 19;
        int rounds = 3;
        String objective = "min-energy";
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--board" -> board = v;
                case "--batch" -> batch = Integer.parseInt(v);
                case "--sources" -> sources = Integer.parseInt(v);
                case "--source-rows" -> sourceRows = Integer.parseInt(v);
                case "--budget" -> budget = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--objective" -> objective = v;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SimulatedBoard profile = SimulatedBoard.named(board);
        SimulatedDevice device = new SimulatedDevice(profile, 0, 1);
        List<Option> options = new ArrayList<>(profile.space().options());
        if (batch > 0) {
            List<Double> values = new ArrayList<>();
            for (int k = 0; k < batch; k++) {
                values.add((double) Math.max(1, Math.round(1 + 15.0 * k / Math.max(1, batch - 1))));
            }
            options.add(Option.ordinal("batch", values.stream().distinct().toList()));
        }
        ConfigurationSpace space = new ConfigurationSpace(options);
        Objective goal = objective.equals("min-latency") ? new Objective.MinLatency() : new Objective.MinEnergy();
        System.out.printf(Locale.ROOT, "board %s, %d configurations, %d sources of %d rows, budget %d, %s, -Xmx %d MB%n",
                board, space.size(), sources, Math.min(sourceRows, space.size()), budget, goal,
                Runtime.getRuntime().maxMemory() >> 20);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 1; r <= rounds; r++) {
            List<Source> stored = new ArrayList<>();
            for (int s = 0; s < sources; s++) {
                Workload w = Workload.of(SOURCE_DNNS[s], SOURCE_SIZES[s][0], SOURCE_SIZES[s][1]);
                stored.add(new Source(new SourceModel(profile(device, space, w, sourceRows, 100 + s, profile.hardware()))));
            }
            Configuration probe = space.get(space.size() / 3);
            long fitStart = threads.getCurrentThreadCpuTime();
            for (Source s : stored) {
                s.values().logValue(Metric.LATENCY, probe);
                s.values().logValue(Metric.ENERGY, probe);
            }
            double sourceFit = (threads.getCurrentThreadCpuTime() - fitStart) / 1e9;
            Workload target = Workload.of("xception", 299, 299);
            Random noise = new Random(7 + r);
            System.gc();
            resetPeaks();
            long start = threads.getCurrentThreadCpuTime();
            AdaptationRun run = Adaptations.create("STACKED-GP", "rf", r).start(
                    new AdaptationTask(space, stored, goal, budget, r, List.of(), true));
            while (!run.done()) {
                Configuration c = run.next();
                run.observe(measure(device, target, c, noise));
            }
            AdaptationResult result = run.fit();
            double cpu = (threads.getCurrentThreadCpuTime() - start) / 1e9;
            long peak = peakHeap();
            Configuration chosen = result.recommendation().configuration();
            Metric metric = goal.minimised().orElseThrow();
            double truth = Double.POSITIVE_INFINITY;
            for (Configuration c : space.configurations()) {
                truth = Math.min(truth, exact(device, target, c).value(metric));
            }
            double regret = exact(device, target, chosen).value(metric) / truth - 1;
            System.out.printf(Locale.ROOT, "round %d: cpu %.3f s, peak heap %d MB, source-fit %.3f s, measured %d, "
                    + "regret %.1f %%, chosen %s%n", r, cpu, peak >> 20, sourceFit, result.samples().size(),
                    100 * regret, chosen);
        }
    }

    private static MeasurementSet profile(SimulatedDevice device, ConfigurationSpace space, Workload w, int rows,
                                          long seed, String hardware) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < space.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        Random noise = new Random(seed * 31);
        List<Measurement> ms = new ArrayList<>();
        for (int i : order.subList(0, Math.min(rows, order.size()))) {
            ms.add(measure(device, w, space.get(i), noise));
        }
        return new MeasurementSet(w.environment(hardware), space, ms, EnergyUnit.JOULES);
    }

    /** The analytic model's value at {@code c} (its {@code batch} scaling, if any), with 2 % lognormal noise. */
    private static Measurement measure(SimulatedDevice device, Workload w, Configuration c, Random noise) {
        Measurement m = exact(device, w, c);
        return new Measurement(c, m.latency() * Math.exp(0.02 * noise.nextGaussian()),
                m.energy() * Math.exp(0.02 * noise.nextGaussian()));
    }

    /** The analytic model's noise-free value at {@code c}, with its {@code batch} scaling, if any. */
    private static Measurement exact(SimulatedDevice device, Workload w, Configuration c) {
        LinkedHashMap<String, Double> hardware = new LinkedHashMap<>(c.values());
        Double b = hardware.remove("batch");
        var e = device.estimate(w, new Configuration(hardware));
        double latency = e.latency();
        double energy = e.energy();
        if (b != null) {
            double alpha = 0.6 + 0.05 * Arrays.asList(SOURCE_DNNS).indexOf(w.dnn());
            latency *= (0.45 + 0.55 / Math.pow(b, alpha + 0.2)) * (1 + 0.015 * b);
            energy *= 0.55 + 0.45 / Math.pow(b, alpha);
        }
        return new Measurement(c, latency, energy);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
