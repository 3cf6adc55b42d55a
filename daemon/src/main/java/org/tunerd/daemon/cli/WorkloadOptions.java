package org.tunerd.daemon.cli;

import java.util.Map;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Workload;
import picocli.CommandLine.Option;

/** {@code --dnn} and {@code --size}: the workload to act on, defaulting to the configured one. */
final class WorkloadOptions {

    @Option(names = "--dnn", paramLabel = "<name>", description = "DNN model (default: the configured workload's).")
    String dnn;

    @Option(names = "--size", paramLabel = "<WxH>", description = "Input size, e.g. 600x600 (default: the configured one).")
    String size;

    Workload resolve(TunerConfig config) {
        Workload base = config.workload().toWorkload();
        int width = base.width();
        int height = base.height();
        if (size != null) {
            String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                width = Integer.parseInt(wh[0]);
                height = Integer.parseInt(wh[1]);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--size: expected WIDTHxHEIGHT, got '" + size + "'");
            }
        }
        return new Workload(dnn != null ? dnn : base.dnn(), width, height, dnn != null ? Map.of() : base.attributes(),
                base.command(), base.warmups(), base.repetitions());
    }
}
