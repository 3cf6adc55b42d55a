package org.tunerd.daemon.cli;

import java.util.Locale;
import java.util.Map;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.device.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --dnn} and {@code --size}: the workload to act on, defaulting to the configured one. */
final class WorkloadOptions {

    /** An input size given as {@code WIDTHxHEIGHT}. */
    record InputSize(int width, int height) {
    }

    /** Parses {@code 600x600}; anything else is a usage error naming the value. */
    static final class InputSizeConverter implements CommandLine.ITypeConverter<InputSize> {
        @Override
        public InputSize convert(String value) {
            String[] wh = value.toLowerCase(Locale.ROOT).split("x", -1);
            try {
                if (wh.length == 2) {
                    int w = Integer.parseInt(wh[0].trim());
                    int h = Integer.parseInt(wh[1].trim());
                    if (w >= 1 && h >= 1) {
                        return new InputSize(w, h);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("expected WIDTHxHEIGHT in pixels (e.g. 600x600), got '"
                    + value + "'");
        }
    }

    @Option(names = "--dnn", paramLabel = "<name>", description = "DNN model (default: the configured workload's).")
    String dnn;

    @Option(names = "--size", paramLabel = "<WxH>", converter = InputSizeConverter.class,
            description = "Input size, e.g. 600x600 (default: the configured one).")
    InputSize size;

    Workload resolve(TunerConfig config) {
        Workload base = config.workload().toWorkload();
        int width = size != null ? size.width() : base.width();
        int height = size != null ? size.height() : base.height();
        return new Workload(dnn != null ? dnn : base.dnn(), width, height, dnn != null ? Map.of() : base.attributes(),
                base.command(), base.warmups(), base.repetitions());
    }
}
