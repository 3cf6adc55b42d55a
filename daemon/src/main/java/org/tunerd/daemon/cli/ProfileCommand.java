package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.Locale;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd profile}: measures the current environment to seed the model store. */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures an environment on the device, over the whole configuration space or a random "
                + "sample, and stores it as a transfer source. Resumable: run it again to continue.",
                "On a board, stop the service first (systemctl stop tunerd): both would reconfigure the board. "
                        + "Progress is a bar on a terminal, a log line every few percent otherwise."})
public final class ProfileCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    /** {@code all}, a count ({@code 100}), a fraction ({@code 0.25}) or a percentage ({@code 25%}). */
    static final class BudgetConverter implements CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.equals("all")) {
                    return Budget.ofFraction(1);
                }
                if (v.matches("\\d+")) {
                    return Budget.ofCount(Integer.parseInt(v));
                }
                double f = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
                return Budget.ofFraction(f);
            } catch (IllegalArgumentException e) { // NumberFormatException, or out of range
                throw new CommandLine.TypeConversionException("expected all, a count >= 1, a fraction in (0,1] or a "
                        + "percentage (e.g. all, 100, 0.25, 25%), got '" + value + "'");
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    WorkloadOptions workloadOptions;

    @Option(names = "--budget", paramLabel = "<n|fraction>", converter = BudgetConverter.class,
            description = "How many configurations: all (default), a count (100), a fraction (0.25) or a "
                    + "percentage (25%%).")
    Budget budget = Budget.ofFraction(1);

    @Option(names = "--seed", description = "Seed of the random sample (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() {
        TunerConfig cfg = config.load();
        Workload workload = workloadOptions.resolve(cfg);
        PrintWriter out = spec.commandLine().getOut();
        try (Device device = DeviceFactory.open(cfg.device(), cfg.workload().options())) {
            int size = device.describe().space().size();
            int count = budget.samples(size);
            ModelStore store = new ModelStore(cfg.store().models(), cfg.store().similarity());
            ProgressReporter progress = new ProgressReporter("profiling " + workload.environment(
                    device.describe().hardware()), count,
                    ProgressReporter.stderrIsTerminal() ? spec.commandLine().getErr() : null, System::nanoTime);
            StoredModel model = new Profiler(device, store).profile(workload, count, cfg.workload().settle(), seed,
                    progress);
            progress.finish();
            out.printf("stored %s: %d measurements in %s%n", model.environment(), model.data().size(),
                    store.fileOf(model.id()));
            out.printf("best latency: %s%nbest energy:  %s%n", result(model.data().best(Metric.LATENCY)),
                    result(model.data().best(Metric.ENERGY)));
        }
        return 0;
    }

    /** {@code 0.0412 s, 0.3801 energy per inference at {cores=4, ...}}. */
    private static String result(org.tunerd.models.data.Measurement m) {
        return String.format(java.util.Locale.ROOT, "%.4f s, %s at %s", m.latency(),
                m.hasEnergy() ? String.format(java.util.Locale.ROOT, "%.4f energy per inference", m.energy())
                        : "energy not measured", m.configuration());
    }
}
