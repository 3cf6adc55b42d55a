package org.tunerd.daemon.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Workload;
import org.tunerd.daemon.store.ModelStore;
import org.tunerd.daemon.store.StoredModel;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Learners;
import org.tunerd.models.learn.Model;
import org.tunerd.models.optimize.Objective;
import org.tunerd.models.optimize.ParetoFront;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.SoftwareValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tunerd predict}: predictions of a stored environment's model, without touching the device. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fits the configured learner on a stored environment's measurements and prints the best "
                + "configurations under an objective and the latency/energy Pareto front. Reads the store only.")
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verboseOption;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    WorkloadOptions workloadOptions;

    @Option(names = "--hardware", paramLabel = "<name>",
            description = "Hardware of the stored environment (default: the hardware of the stored environments, "
                    + "if they all share one).")
    String hardware;

    @Option(names = "--objective", paramLabel = "<kind>", description = "min-energy | min-latency (default: ${DEFAULT-VALUE}).")
    String objective = "min-energy";

    @Option(names = "--top", paramLabel = "<n>", description = "How many configurations to list (default: ${DEFAULT-VALUE}).")
    int top = 5;

    @Override
    public Integer call() {
        TunerConfig cfg = config.load();
        Workload w = workloadOptions.resolve(cfg);
        ModelStore store = new ModelStore(cfg.store().models(), cfg.store().similarity());
        Objective goal = switch (objective.toLowerCase(Locale.ROOT)) {
            case "min-energy" -> new Objective.MinEnergy();
            case "min-latency" -> new Objective.MinLatency();
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--objective: expected min-energy or min-latency, got '" + objective + "'");
        };
        String hw = hardware != null ? hardware : onlyHardware(store);
        Environment env = w.environment(hw);
        StoredModel stored = store.get(env).orElseThrow(() -> new IllegalArgumentException("no stored environment "
                + env.id() + " in " + store.directory() + "; stored: " + store.all().stream().map(StoredModel::id).toList()));
        MeasurementSet data = stored.data();
        Learner learner = Learners.create(cfg.policy().learner(), 1);
        List<Configuration> all = data.space().configurations();
        Model latency = learner.fit(data.configurations(), data.values(Metric.LATENCY));
        Model energy = learner.fit(data.configurations(), data.values(Metric.ENERGY));
        double[] l = latency.predict(all);
        double[] e = energy.predict(all);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s fitted on %d of %d configurations%n", env, learner.name(), data.size(), all.size());
        Integer[] order = java.util.stream.IntStream.range(0, all.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> goal instanceof Objective.MinLatency ? l[i] : e[i]));
        out.printf("best %d by %s:%n", Math.min(top, all.size()), goal);
        for (int k = 0; k < Math.min(top, all.size()); k++) {
            int i = order[k];
            out.printf(Locale.ROOT, "  %-70s %.4f s  %.4g%n", SoftwareValues.text(data.space(), all.get(i)), l[i], e[i]);
        }
        int[] front = ParetoFront.indices(l, e);
        out.printf("Pareto front (%d configurations):%n", front.length);
        for (int i : front) {
            out.printf(Locale.ROOT, "  %-70s %.4f s  %.4g%n", SoftwareValues.text(data.space(), all.get(i)), l[i], e[i]);
        }
        return 0;
    }

    private String onlyHardware(ModelStore store) {
        List<String> all = store.all().stream().map(m -> m.environment().hardware()).distinct().sorted().toList();
        if (all.isEmpty()) {
            throw new IllegalStateException("the model store " + store.directory() + " is empty (tunerd profile "
                    + "measures an environment into it)");
        }
        if (all.size() != 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--hardware: the store holds several boards " + all + "; say which");
        }
        return all.get(0);
    }
}
