package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.WorkloadAnnouncement;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.device.sim.AnalyticModel;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.device.software.ArgumentDelivery;
import org.tunerd.daemon.device.software.SoftwareOption;
import org.tunerd.daemon.device.software.SoftwareOptions;
import org.tunerd.daemon.device.software.SoftwareOptionsDevice;
import org.tunerd.daemon.service.Daemon;
import org.tunerd.daemon.service.Profiler;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;

/**
 * The scripted run of {@code tunerd simulate} without {@code --replay}: the store is seeded by profiling one
 * environment on the simulated TX2-like board, the daemon adapts to a new DNN, a new input size and another
 * DNN, then restarts on the simulated Xavier-like board with the same workload, and finally restarts on the
 * TX2-like board with a software option declared ({@link #BATCH_SIZES}, delivered as {@code --batch={value}}):
 * hardware and batch size are adapted jointly, transferring from the hardware-only measurements of the same
 * workload.
 */
final class SimulatedScenario {

    /** The scripted environments after the profiled seed: DNN, input size, then a new board. */
    static final List<WorkloadAnnouncement> SCRIPT = List.of(
            new WorkloadAnnouncement("resnet50", 600, 600, Map.of()),
            new WorkloadAnnouncement("resnet50", 224, 224, Map.of()),
            new WorkloadAnnouncement("mobilenetv2", 224, 224, Map.of()));

    /** The batch sizes of the last step, the joint hardware + software adaptation. */
    static final List<Long> BATCH_SIZES = List.of(1L, 2L, 4L, 8L, 16L);

    /** The workload of the joint step: one the TX2-like board has already tuned without a batch size. */
    static final WorkloadAnnouncement JOINT = SCRIPT.get(1);

    /** Adaptations one run makes: the script, the new board, then the joint step. */
    static final int ADAPTATIONS = SCRIPT.size() + 2;

    private SimulatedScenario() {
    }

    /** The scripted sequence on the simulated TX2-like board, then a restart on the Xavier-like board. */
    static List<SimulationPrinter.Adaptation> run(PrintWriter out, TunerConfig config, SimulationPrinter printer,
                                                  String seedDnn, int seedSize, double noise, long seed)
            throws InterruptedException {
        List<SimulationPrinter.Adaptation> adaptations = new ArrayList<>();
        SimulatedDevice tx2 = SimulatedDevice.create("tx2", noise, seed);
        seed(out, tx2, Workload.of(seedDnn, seedSize, seedSize), config);
        ModelStore store = new ModelStore(config.store().models(), config.store().similarity());
        printer.use(new SimulationPrinter.Truth(tx2::truth, tx2.describe().space(),
                env -> store.get(env).map(StoredModel::data)));
        int step = runScript(out, config, tx2, printer, SCRIPT, 1, adaptations);
        WorkloadAnnouncement last = SCRIPT.get(SCRIPT.size() - 1);
        SimulatedDevice xavier = SimulatedDevice.create("xavier", noise, seed + 1);
        printer.use(new SimulationPrinter.Truth(xavier::truth, xavier.describe().space(),
                env -> store.get(env).map(StoredModel::data)));
        out.printf("%n[%d] restart on a new board: %s (%d configurations), same workload %s %dx%d%n", step,
                xavier.describe().hardware(), xavier.describe().space().size(), last.dnn(), last.width(),
                last.height());
        out.flush();
        try (Daemon daemon = Daemon.start(SimulateCommand.withWorkload(config, last.on(xavier.describe().hardware())),
                Optional.empty(), xavier, printer)) {
            printer.awaitNext(600).ifPresent(adaptations::add);
        }
        jointStep(out, config, printer, store, noise, seed, step + 1).ifPresent(adaptations::add);
        return adaptations;
    }

    /**
     * The daemon restarted on the TX2-like board with the batch size declared as a software option: one joint
     * adaptation of hardware and batch size.
     */
    private static Optional<SimulationPrinter.Adaptation> jointStep(PrintWriter out, TunerConfig config,
                                                                    SimulationPrinter printer, ModelStore store,
                                                                    double noise, long seed, int step)
            throws InterruptedException {
        SoftwareOptions batch = new SoftwareOptions(List.of(SoftwareOption.ofNumbers(AnalyticModel.BATCH_SIZE,
                BATCH_SIZES, new ArgumentDelivery("--batch={value}"))));
        SimulatedDevice board = SimulatedDevice.create("tx2", BATCH_SIZES, noise, seed + 2);
        Device joint = SoftwareOptionsDevice.wrap(board, batch);
        printer.use(new SimulationPrinter.Truth(board::truth, joint.describe().space(),
                env -> store.get(env).map(StoredModel::data)));
        out.printf("%n[%d] restart with a software option: %s %s (argument --batch={value}) on %s (%d configurations), "
                        + "workload %s %dx%d; hardware and batch size adapted jointly%n", step, AnalyticModel.BATCH_SIZE,
                BATCH_SIZES, joint.describe().hardware(), joint.describe().space().size(), JOINT.dnn(), JOINT.width(),
                JOINT.height());
        out.flush();
        TunerConfig withOptions = SimulateCommand.withWorkload(config, JOINT.on(joint.describe().hardware()), batch);
        try (Daemon daemon = Daemon.start(withOptions, Optional.empty(), joint, printer)) {
            return printer.awaitNext(600);
        }
    }

    /** Profiles {@code workload} on the whole space into the store, as {@code tunerd profile} does. */
    private static void seed(PrintWriter out, Device device, Workload workload, TunerConfig config) {
        out.printf("[0] seeding the store: profiling %s on all %d configurations of %s ...%n",
                workload.environment(device.describe().hardware()), device.describe().space().size(),
                device.describe().hardware());
        out.flush();
        var model = new Profiler(device, new ModelStore(config.store().models(), config.store().similarity()))
                .profile(workload, Integer.MAX_VALUE, Duration.ZERO, 1, n -> { });
        out.printf("    stored %d measurements%n", model.data().size());
    }

    /** Starts the daemon with the first workload, announces the others; returns the next step number. */
    private static int runScript(PrintWriter out, TunerConfig config, Device device, SimulationPrinter printer,
                                 List<WorkloadAnnouncement> script, int step,
                                 List<SimulationPrinter.Adaptation> adaptations) throws InterruptedException {
        WorkloadAnnouncement first = script.get(0);
        out.printf("%n[%d] start-up with workload %s %dx%d%n", step++, first.dnn(), first.width(), first.height());
        out.flush();
        try (Daemon daemon = Daemon.start(SimulateCommand.withWorkload(config, first.on(device.describe().hardware())),
                Optional.empty(), device, printer)) {
            printer.awaitNext(600).ifPresent(adaptations::add);
            for (WorkloadAnnouncement next : script.subList(1, script.size())) {
                out.printf("%n[%d] workload announced: %s %dx%d%n", step++, next.dnn(), next.width(), next.height());
                out.flush();
                daemon.announce(next, "simulate");
                printer.awaitNext(600).ifPresent(adaptations::add);
            }
        }
        return step;
    }
}
