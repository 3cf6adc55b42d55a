package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.service.DeviceFactory;
import org.tunerd.daemon.service.Profiler;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Budget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd profile}: measures the current environment to seed the model store. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures an environment on the device, over the whole configuration space or a random "
                + "sample, and stores it as a transfer source. Resumable: run it again to continue.")
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    WorkloadOptions workloadOptions;

    @Option(names = "--budget", paramLabel = "<n|fraction>",
            description = "How many configurations: a count (100), a fraction (0.25 or 25%%), or all (default).")
    String budget = "all";

    @Option(names = "--seed", description = "Seed of the random sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() {
        TunerConfig cfg = config.load();
        Workload workload = workloadOptions.resolve(cfg);
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = DeviceFactory.open(cfg.device())) {
            int size = device.describe().space().size();
            int count = budget.equalsIgnoreCase("all") ? size : Budget.parse(budget).samples(size);
            ModelStore store = new ModelStore(cfg.store().models(), cfg.store().similarity());
            ProgressBar bar = ProgressBar.stderrIsTerminal() ? new ProgressBar(spec.commandLine().getErr()) : null;
            StoredModel model = new Profiler(device, store).profile(workload, count, cfg.workload().settle(), seed,
                    done -> {
                        if (bar != null) {
                            bar.update(done, Math.min(count, size), "measured");
                        }
                    });
            if (bar != null) {
                bar.finish();
            }
            out.printf("stored %s: %d measurements in %s%n", model.environment(), model.data().size(),
                    store.fileOf(model.id()));
            out.printf("best latency: %s%nbest energy:  %s%n", model.data().best(Metric.LATENCY),
                    model.data().best(Metric.ENERGY));
        }
        return 0;
    }
}
