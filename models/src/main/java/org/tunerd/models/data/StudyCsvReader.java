package org.tunerd.models.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;

/**
 * Reads the measurement files of the OpML 2019 Jetson study, in both published layouts: space-separated,
 * and comma-separated with a leading unnamed index column.
 *
 * <p>Each row becomes a configuration of the options {@value #CORES} (number of online cores),
 * {@value #CPU_FREQ} (kHz), {@value #GPU_FREQ} (Hz) and {@value #EMC_FREQ} (Hz); when rows with the same
 * core count use different core patterns, a categorical {@value #CORE_MASK} option (e.g. {@code 1011})
 * is added. Latency is {@code inference_time} in seconds; energy is {@code power_consumption} as recorded.
 * Every malformed row is an error naming the file, line and column: nothing is dropped silently.
 */
public final class StudyCsvReader {

    public static final String CORES = "cores";
    public static final String CORE_MASK = "core_mask";
    public static final String CPU_FREQ = "cpu_freq";
    public static final String GPU_FREQ = "gpu_freq";
    public static final String EMC_FREQ = "emc_freq";

    private static final List<String> REQUIRED = List.of("model_name", "size", "system_name", "core0_status",
            "core_freq", "gpu_freq", "emc_freq", "inference_time", "power_consumption");

    private StudyCsvReader() {
    }

    /** Reads {@code file} and derives the space from the values it contains. */
    public static MeasurementSet read(Path file) {
        Parsed parsed = parse(file);
        ConfigurationSpace space = deriveSpace(parsed.rows);
        return new MeasurementSet(parsed.environment, space, toMeasurements(parsed.rows, space, file));
    }

    /** Reads {@code file} against a declared space; a row outside it is an error naming the line. */
    public static MeasurementSet read(Path file, ConfigurationSpace declared) {
        Parsed parsed = parse(file);
        return new MeasurementSet(parsed.environment, declared, toMeasurements(parsed.rows, declared, file));
    }

    /** Reads every {@code *.csv} in {@code folder}, sorted by file name. */
    public static List<MeasurementSet> readFolder(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted()
                    .map(StudyCsvReader::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list measurement folder " + folder, e);
        }
    }

    private record Row(int line, String mask, double cpu, double gpu, double emc, double latency, double energy) {
        int cores() {
            return (int) mask.chars().filter(ch -> ch == '1').count();
        }
    }

    private record Parsed(Environment environment, List<Row> rows) {
    }

    private static Parsed parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read measurement file " + file, e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new DatasetFormatException(file, 1, null, "empty file: expected a header line");
        }
        boolean comma = lines.get(0).contains(",");
        String[] header = split(lines.get(0), comma);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.put(header[i].trim(), i);
        }
        for (String name : REQUIRED) {
            if (!column.containsKey(name)) {
                throw new DatasetFormatException(file, 1, name, "missing column; the header has " + column.keySet());
            }
        }
        List<String> coreColumns = new ArrayList<>();
        for (int k = 0; column.containsKey("core" + k + "_status"); k++) {
            coreColumns.add("core" + k + "_status");
        }

        Environment environment = null;
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lineOfConfiguration = new HashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            int lineNo = n + 1;
            if (lines.get(n).isBlank()) {
                continue;
            }
            String[] f = split(lines.get(n), comma);
            if (f.length != header.length) {
                throw new DatasetFormatException(file, lineNo, null,
                        "expected " + header.length + " fields as in the header, found " + f.length);
            }
            Fields fields = new Fields(file, lineNo, f, column);
            Environment rowEnv = new Environment(fields.text("system_name"), fields.text("model_name"),
                    fields.width(), fields.height());
            if (environment == null) {
                environment = rowEnv;
            } else if (!environment.equals(rowEnv)) {
                throw new DatasetFormatException(file, lineNo, null,
                        "environment " + rowEnv + " differs from " + environment + " on earlier lines");
            }
            StringBuilder mask = new StringBuilder();
            for (String c : coreColumns) {
                double s = fields.number(c);
                if (s != 0 && s != 1) {
                    throw new DatasetFormatException(file, lineNo, c, "core status must be 0 or 1, got " + fields.raw(c));
                }
                mask.append(s == 1 ? '1' : '0');
            }
            if (mask.charAt(0) != '1') {
                throw new DatasetFormatException(file, lineNo, "core0_status", "core 0 must be online");
            }
            Row row = new Row(lineNo, mask.toString(), fields.positive("core_freq"), fields.positive("gpu_freq"),
                    fields.positive("emc_freq"), fields.positive("inference_time"), fields.nonNegative("power_consumption"));
            String key = row.mask + "/" + row.cpu + "/" + row.gpu + "/" + row.emc;
            Integer earlier = lineOfConfiguration.putIfAbsent(key, lineNo);
            if (earlier != null) {
                throw new DatasetFormatException(file, lineNo, null, "configuration already measured on line " + earlier);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 2, null, "no measurement rows after the header");
        }
        return new Parsed(environment, rows);
    }

    private static String[] split(String line, boolean comma) {
        return comma ? line.split(",", -1) : line.trim().split("\\s+");
    }

    private static ConfigurationSpace deriveSpace(List<Row> rows) {
        Map<Integer, TreeSet<String>> masksByCount = new HashMap<>();
        rows.forEach(r -> masksByCount.computeIfAbsent(r.cores(), k -> new TreeSet<>()).add(r.mask));
        boolean needMask = masksByCount.values().stream().anyMatch(s -> s.size() > 1);
        List<Option> options = new ArrayList<>();
        options.add(Option.ordinal(CORES, rows.stream().map(r -> (double) r.cores()).toList()));
        List<Constraint> constraints = new ArrayList<>();
        if (needMask) {
            List<String> labels = new ArrayList<>(new TreeSet<>(rows.stream().map(Row::mask).toList()));
            options.add(Option.categorical(CORE_MASK, labels));
            constraints.add(new Constraint("cores = online cores of core_mask", c -> {
                String m = labels.get((int) c.get(CORE_MASK));
                return m.chars().filter(ch -> ch == '1').count() == (long) c.get(CORES);
            }));
        }
        options.add(Option.ordinal(CPU_FREQ, rows.stream().map(Row::cpu).toList()));
        options.add(Option.ordinal(GPU_FREQ, rows.stream().map(Row::gpu).toList()));
        options.add(Option.ordinal(EMC_FREQ, rows.stream().map(Row::emc).toList()));
        return new ConfigurationSpace(options, constraints);
    }

    private static List<Measurement> toMeasurements(List<Row> rows, ConfigurationSpace space, Path file) {
        boolean hasMask = space.option(CORE_MASK).isPresent();
        List<Measurement> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            values.put(CORES, (double) r.cores());
            if (hasMask) {
                int code = space.require(CORE_MASK).labels().indexOf(r.mask);
                if (code < 0) {
                    throw new DatasetFormatException(file, r.line, "core0_status",
                            "core pattern " + r.mask + " is not offered by the space");
                }
                values.put(CORE_MASK, (double) code);
            }
            values.put(CPU_FREQ, r.cpu);
            values.put(GPU_FREQ, r.gpu);
            values.put(EMC_FREQ, r.emc);
            Configuration c = new Configuration(values);
            space.violation(c).ifPresent(why -> {
                throw new DatasetFormatException(file, r.line, null, "configuration " + c + " is outside the space: " + why);
            });
            out.add(new Measurement(c, r.latency, r.energy));
        }
        return out;
    }

    /** The fields of one line, with parsing that reports the file, line and column. */
    private record Fields(Path file, int line, String[] values, Map<String, Integer> column) {

        String raw(String name) {
            return values[column.get(name)].trim();
        }

        String text(String name) {
            String v = raw(name);
            if (v.isEmpty()) {
                throw new DatasetFormatException(file, line, name, "empty value");
            }
            return v;
        }

        double number(String name) {
            String v = raw(name);
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, line, name, "not a finite number: '" + v + "'");
            }
        }

        double positive(String name) {
            double d = number(name);
            if (d <= 0) {
                throw new DatasetFormatException(file, line, name, "must be positive, got " + raw(name));
            }
            return d;
        }

        double nonNegative(String name) {
            double d = number(name);
            if (d < 0) {
                throw new DatasetFormatException(file, line, name, "must not be negative, got " + raw(name));
            }
            return d;
        }

        int width() {
            return sizePart(0);
        }

        int height() {
            return sizePart(1);
        }

        private int sizePart(int i) {
            String[] wh = text("size").split("x");
            try {
                if (wh.length != 2) {
                    throw new NumberFormatException();
                }
                int v = Integer.parseInt(wh[i].trim());
                if (v <= 0) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, line, "size", "expected WIDTHxHEIGHT, got '" + raw("size") + "'");
            }
        }
    }
}
