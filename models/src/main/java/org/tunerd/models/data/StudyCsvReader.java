package org.tunerd.models.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.space.BoardOptions;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Constraint;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;
import org.tunerd.models.space.SoftwareValues;

/**
 * Reads measurement files in the layout of the OpML 2019 Jetson study and its follow-ups, as they come
 * from boards: space-separated, or comma-separated (with or without a leading unnamed index column);
 * grids or random samples; any value tables; repeated runs; an unknown input size; software options.
 *
 * <p>Each row is one run of a configuration of the hardware options of {@link BoardOptions}:
 * {@code cores} (online cores), {@code cpu_freq} from {@code core_freq} (kHz), {@code gpu_freq} (Hz),
 * {@code emc_freq} (Hz); when the file's core patterns are not nested (cores online other than the first
 * k), also {@code core_mask}. Every column the layout does not define (model_name, sample, size,
 * system_name, config_name, core&lt;k&gt;_status, core_freq, gpu_status, gpu_freq, emc_status, emc_freq,
 * inference_time, power_consumption, num_cores, rep, cold_start, src_row and an unnamed index column) is
 * a software option of that name, numeric, where {@value #NOT_SET} means "not set" (such an option is
 * categorical, with the label {@value #NOT_SET_LABEL} for it). Latency is {@code inference_time} in
 * seconds; energy is {@code power_consumption} as recorded, in {@link EnergyUnit#ofData units of the data}.
 *
 * <p>Rows that repeat a configuration are further runs of it: all are kept, and the set's measurement of
 * the configuration is their median ({@link MeasurementSet#ofRuns}). Rows marked {@code cold_start = 1}
 * (a first run that loaded the model) are left out, and logged. {@code size NA} is an
 * {@link Environment#withUnknownSize unknown input size}. Every malformed row is an error naming the
 * file, line and column: nothing is dropped silently.
 *
 * <p>A derived space has the values the file holds: if the distinct configurations fill the product of
 * those values (a grid), it is that product; otherwise it is the {@link ConfigurationSpace#listed listed}
 * space of the measured configurations (a sample offers what was measured, nothing else).
 */
public final class StudyCsvReader {

    /** Kept for existing callers; the names belong to {@link BoardOptions}. */
    public static final String CORES = BoardOptions.CORES;
    /** Kept for existing callers; the names belong to {@link BoardOptions}. */
    public static final String CORE_MASK = BoardOptions.CORE_MASK;
    /** Kept for existing callers; the names belong to {@link BoardOptions}. */
    public static final String CPU_FREQ = BoardOptions.CPU_FREQ;
    /** Kept for existing callers; the names belong to {@link BoardOptions}. */
    public static final String GPU_FREQ = BoardOptions.GPU_FREQ;
    /** Kept for existing callers; the names belong to {@link BoardOptions}. */
    public static final String EMC_FREQ = BoardOptions.EMC_FREQ;

    /** Value of a software option cell meaning "not set". */
    public static final double NOT_SET = -1;
    /** Label of {@link #NOT_SET} in a software option. */
    public static final String NOT_SET_LABEL = "unset";

    /**
     * The energy unit of every file this reader reads: {@code power_consumption} as recorded. The study's
     * files record a sum of power samples (mW per sampling interval), consistent within a file and a
     * protocol but not joules; declare another unit with {@link MeasurementSet#withEnergyUnit}.
     */
    public static final EnergyUnit ENERGY_UNIT = EnergyUnit.ofData("power_consumption as recorded");

    private static final Logger LOG = LoggerFactory.getLogger(StudyCsvReader.class);

    private static final List<String> REQUIRED = List.of("model_name", "size", "system_name", "core0_status",
            "core_freq", "gpu_freq", "emc_freq", "inference_time", "power_consumption");
    private static final Set<String> LAYOUT = Set.of("", "model_name", "sample", "size", "system_name", "config_name",
            "core_freq", "gpu_status", "gpu_freq", "emc_status", "emc_freq", "inference_time", "power_consumption",
            "num_cores", "rep", "cold_start", "src_row");

    private StudyCsvReader() {
    }

    /** Reads {@code file} and derives the space from the values it contains. */
    public static MeasurementSet read(Path file) {
        Parsed parsed = parse(file);
        return build(file, parsed, deriveSpace(parsed));
    }

    /**
     * Reads {@code file} against a declared space; a row outside it (or a software column the space lacks)
     * is an error naming the line and column.
     */
    public static MeasurementSet read(Path file, ConfigurationSpace declared) {
        Parsed parsed = parse(file);
        for (String s : parsed.software) {
            if (declared.option(s).isEmpty()) {
                throw new DatasetFormatException(file, 1, s, "software option column not in the declared space "
                        + declared.names());
            }
        }
        return build(file, parsed, declared);
    }

    /** Reads every {@code *.csv} in {@code folder}, sorted by file name. */
    public static List<MeasurementSet> readFolder(Path folder) {
        return csvFiles(folder).stream().map(StudyCsvReader::read).toList();
    }

    /** The {@code *.csv} files of {@code folder}, sorted by file name. */
    public static List<Path> csvFiles(Path folder) {
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list measurement folder " + folder, e);
        }
    }

    private record Row(int line, String mask, double cpu, double gpu, double emc, double[] software, double latency,
                       double energy) {
        int cores() {
            return (int) mask.chars().filter(ch -> ch == '1').count();
        }
    }

    private record Parsed(Environment environment, List<String> software, List<Row> rows) {
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
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (column.put(header[i].trim(), i) != null) {
                throw new DatasetFormatException(file, 1, header[i].trim(), "column named twice in the header");
            }
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
        List<String> software = column.keySet().stream()
                .filter(c -> !LAYOUT.contains(c) && !c.matches("core\\d+_status")).toList();
        for (String s : software) {
            if (BoardOptions.isHardware(s)) {
                throw new DatasetFormatException(file, 1, s, "a column may not take the name of a hardware option");
            }
        }

        Environment environment = null;
        List<Row> rows = new ArrayList<>();
        int coldStarts = 0;
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
            Environment rowEnv = fields.environment();
            if (environment == null) {
                environment = rowEnv;
            } else if (!environment.equals(rowEnv)) {
                throw new DatasetFormatException(file, lineNo, null,
                        "environment " + rowEnv + " differs from " + environment + " on earlier lines");
            }
            String mask = fields.coreMask(coreColumns);
            if (column.containsKey("num_cores") && fields.number("num_cores") != mask.chars().filter(ch -> ch == '1').count()) {
                throw new DatasetFormatException(file, lineNo, "num_cores", "is " + fields.raw("num_cores")
                        + " but the core status columns have " + mask.chars().filter(ch -> ch == '1').count()
                        + " cores online (" + mask + ")");
            }
            if (column.containsKey("cold_start") && fields.flag("cold_start")) {
                coldStarts++;
                continue;
            }
            double[] sw = new double[software.size()];
            for (int i = 0; i < sw.length; i++) {
                sw[i] = fields.number(software.get(i));
            }
            rows.add(new Row(lineNo, mask, fields.positive("core_freq"), fields.positive("gpu_freq"),
                    fields.positive("emc_freq"), sw, fields.positive("inference_time"),
                    fields.nonNegative("power_consumption")));
        }
        if (rows.isEmpty()) {
            throw new DatasetFormatException(file, 2, null, "no measurement rows after the header"
                    + (coldStarts > 0 ? " (only cold-start rows)" : ""));
        }
        if (coldStarts > 0) {
            LOG.info("{}: left out {} cold-start run(s) (cold_start = 1)", file, coldStarts);
        }
        return new Parsed(environment, software, rows);
    }

    private static String[] split(String line, boolean comma) {
        return comma ? line.split(",", -1) : line.trim().split("\\s+");
    }

    private static ConfigurationSpace deriveSpace(Parsed parsed) {
        List<Row> rows = parsed.rows;
        TreeSet<String> masks = new TreeSet<>(rows.stream().map(Row::mask).toList());
        boolean needMask = !masks.stream().allMatch(BoardOptions::isNested);
        List<Option> options = new ArrayList<>();
        options.add(Option.ordinal(BoardOptions.CORES, rows.stream().map(r -> (double) r.cores()).toList()));
        List<Constraint> constraints = new ArrayList<>();
        if (needMask) {
            Map<Double, String> byValue = new java.util.TreeMap<>();
            masks.forEach(m -> byValue.put(BoardOptions.coreMaskValue(m), m));
            options.add(new Option(BoardOptions.CORE_MASK, OptionKind.CATEGORICAL, List.copyOf(byValue.keySet()),
                    List.copyOf(byValue.values())));
            constraints.add(new Constraint("cores = online cores of core_mask",
                    c -> BoardOptions.onlineCores(c.get(BoardOptions.CORE_MASK)) == c.get(BoardOptions.CORES)));
        }
        options.add(Option.ordinal(BoardOptions.CPU_FREQ, rows.stream().map(Row::cpu).toList()));
        options.add(Option.ordinal(BoardOptions.GPU_FREQ, rows.stream().map(Row::gpu).toList()));
        options.add(Option.ordinal(BoardOptions.EMC_FREQ, rows.stream().map(Row::emc).toList()));
        for (int i = 0; i < parsed.software.size(); i++) {
            int k = i;
            options.add(softwareOption(parsed.software.get(i), rows.stream().map(r -> r.software[k]).toList()));
        }
        // With a mask, the core count follows from it: the allowed product has one count per mask.
        long product = 1;
        for (Option o : options) {
            if (needMask && o.name().equals(BoardOptions.CORES)) {
                continue;
            }
            product = o.size() > 0 && product > Long.MAX_VALUE / o.size() ? Long.MAX_VALUE : product * o.size();
        }
        Set<Configuration> distinct = new LinkedHashSet<>();
        for (Row r : rows) {
            distinct.add(configuration(r, options, parsed.software));
        }
        return distinct.size() == product ? new ConfigurationSpace(options, constraints)
                : ConfigurationSpace.listed(options, constraints, List.copyOf(distinct));
    }

    /** A software option over {@code values}: categorical with an "unset" label if {@value #NOT_SET} occurs, else ordinal. */
    private static Option softwareOption(String name, List<Double> values) {
        List<Double> sorted = values.stream().distinct().sorted().toList();
        if (!sorted.contains(NOT_SET)) {
            return Option.ordinal(name, sorted);
        }
        List<String> labels = sorted.stream().map(v -> v == NOT_SET ? NOT_SET_LABEL : label(v)).toList();
        return new Option(name, OptionKind.CATEGORICAL, sorted, labels);
    }

    private static String label(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The row's configuration over {@code options} (derived: every option is the row's). */
    private static Configuration configuration(Row r, List<Option> options, List<String> software) {
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        for (Option o : options) {
            values.put(o.name(), value(r, o.name(), software));
        }
        return new Configuration(values);
    }

    private static double value(Row r, String option, List<String> software) {
        return switch (option) {
            case BoardOptions.CORES -> r.cores();
            case BoardOptions.CORE_MASK -> BoardOptions.coreMaskValue(r.mask);
            case BoardOptions.CPU_FREQ -> r.cpu;
            case BoardOptions.GPU_FREQ -> r.gpu;
            case BoardOptions.EMC_FREQ -> r.emc;
            default -> {
                int i = software.indexOf(option);
                yield i >= 0 ? r.software[i] : Double.NaN;
            }
        };
    }

    private static MeasurementSet build(Path file, Parsed parsed, ConfigurationSpace space) {
        boolean hasMask = space.option(BoardOptions.CORE_MASK).isPresent();
        List<Measurement> runs = new ArrayList<>(parsed.rows.size());
        Set<Configuration> seen = new java.util.HashSet<>();
        for (Row r : parsed.rows) {
            if (!hasMask && !BoardOptions.isNested(r.mask)) {
                throw new DatasetFormatException(file, r.line, "core0_status", "core pattern " + r.mask
                        + " is not nested (not the first " + r.cores() + " cores) and the space has no "
                        + BoardOptions.CORE_MASK + " option to hold it");
            }
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            for (String name : space.names()) {
                double v = value(r, name, parsed.software);
                if (Double.isNaN(v)) {
                    throw new DatasetFormatException(file, r.line, name, "the space's option '" + name
                            + "' has no column in the file");
                }
                values.put(name, v);
            }
            Configuration c = new Configuration(values);
            space.violation(c).ifPresent(why -> {
                throw new DatasetFormatException(file, r.line, column(why, space),
                        "configuration " + SoftwareValues.text(space, c) + " is outside the space: " + why);
            });
            seen.add(c);
            runs.add(new Measurement(c, r.latency, r.energy));
        }
        return seen.size() == runs.size() ? new MeasurementSet(parsed.environment, space, runs, ENERGY_UNIT)
                : MeasurementSet.ofRuns(parsed.environment, space, runs, ENERGY_UNIT);
    }

    /** The file column a violation is about, if it names one option. */
    private static String column(String violation, ConfigurationSpace space) {
        for (String name : space.names()) {
            if (violation.startsWith("option '" + name + "'")) {
                return switch (name) {
                    case BoardOptions.CPU_FREQ -> "core_freq";
                    case BoardOptions.CORES, BoardOptions.CORE_MASK -> "core0_status";
                    default -> name;
                };
            }
        }
        return null;
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

        boolean flag(String name) {
            double d = number(name);
            if (d != 0 && d != 1) {
                throw new DatasetFormatException(file, line, name, "must be 0 or 1, got " + raw(name));
            }
            return d == 1;
        }

        String coreMask(List<String> coreColumns) {
            StringBuilder mask = new StringBuilder();
            for (String c : coreColumns) {
                double s = number(c);
                if (s != 0 && s != 1) {
                    throw new DatasetFormatException(file, line, c, "core status must be 0 or 1, got " + raw(c));
                }
                mask.append(s == 1 ? '1' : '0');
            }
            if (mask.length() > BoardOptions.MAX_MASK_CORES) {
                throw new DatasetFormatException(file, line, null, "more than " + BoardOptions.MAX_MASK_CORES
                        + " core status columns");
            }
            if (mask.charAt(0) != '1') {
                throw new DatasetFormatException(file, line, "core0_status", "core 0 must be online");
            }
            return mask.toString();
        }

        Environment environment() {
            String hardware = text("system_name");
            String dnn = text("model_name");
            String size = text("size");
            if (size.equalsIgnoreCase("NA")) {
                return Environment.withUnknownSize(hardware, dnn, Map.of());
            }
            String[] wh = size.split("x");
            try {
                if (wh.length != 2) {
                    throw new NumberFormatException();
                }
                int w = Integer.parseInt(wh[0].trim());
                int h = Integer.parseInt(wh[1].trim());
                if (w <= 0 || h <= 0) {
                    throw new NumberFormatException();
                }
                return new Environment(hardware, dnn, w, h);
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, line, "size", "expected WIDTHxHEIGHT or NA, got '" + size + "'");
            }
        }
    }
}
