package org.tunerd.models.adapt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * The candidate configurations of a target with everything a transfer model reads about them: normalised
 * physical features ({@link PhysicalEncoding} over the candidates) and each source's log latency and log
 * energy, in the view each {@link SourceModel} is given (smoothed, or measured where measured). With several
 * sources, the "source value" a model shifts from is their mean, and each source's values are separate
 * stacking columns.
 *
 * <p>These are computed when the object is made. Three derived tables are computed on first use, once,
 * and kept: the candidates seen from each source alone ({@link #perSource()}), the source's influence per
 * feature ({@link #influence()}) and the design rows ({@link #designRow(int)}). No value changes once
 * computed, so the object can be shared between threads; the derived tables are built under its lock.
 * (Kept as one class of about 400 lines: every model and design reads these tables by candidate index, and
 * splitting them would spread one indexing scheme over several classes.)
 */
public final class TransferFeatures {

    private final List<SourceModel> sources;
    /** the candidates, the reference range and their encoding: the same for the per-source views */
    private final Geometry geometry;
    private final PhysicalEncoding encoding;
    private final List<Configuration> candidates;
    private final Map<Configuration, Integer> index;
    private final double[][] physical;
    private final boolean energy;
    /** [source][candidate] smoothed log latency and energy. */
    private final double[][] latency;
    private final double[][] energyValues;
    /** means over sources */
    private final double[] meanLatency;
    private final double[] meanEnergy;
    private final double[] rawLatency;
    private final double[] rawEnergy;
    /** mean over sources of {@link SourceSupport#variance} per candidate, latency and energy */
    private final double[] supportLatency;
    private final double[] supportEnergy;
    private final boolean[] supported;
    /** candidates plus the reference configurations that have every option: the encoding's range */
    private final List<Configuration> range;
    /** the session's table of source values ({@link SourceFeatures}), or null: evaluate the source models */
    private final SourceFeatures table;
    private volatile List<TransferFeatures> singles;
    private volatile double[] influence;

    /** Features of {@code candidates}, configurations of {@code target}, seen from {@code source}. */
    public TransferFeatures(SourceModel source, ConfigurationSpace target, List<Configuration> candidates) {
        this(List.of(source), target.options(), candidates, List.of(), null);
    }

    /** Features of {@code candidates}, configurations of {@code target}, seen from several sources. */
    public TransferFeatures(List<SourceModel> sources, ConfigurationSpace target, List<Configuration> candidates) {
        this(sources, target.options(), candidates, List.of(), null);
    }

    /** Features of {@code candidates}, whose options are {@code options}, seen from {@code source}. */
    public TransferFeatures(SourceModel source, List<Option> options, List<Configuration> candidates) {
        this(List.of(source), options, candidates, List.of(), null);
    }

    private TransferFeatures(List<SourceModel> sources, List<Option> options, List<Configuration> candidates,
                             List<Configuration> reference, SourceFeatures table) {
        this(sources, geometry(sources, options, candidates, reference), table);
    }

    /** The geometry of {@code candidates}, failing first without a candidate, then without a source. */
    private static Geometry geometry(List<SourceModel> sources, List<Option> options, List<Configuration> candidates,
                                     List<Configuration> reference) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate configurations");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source");
        }
        return Geometry.of(options, candidates, reference);
    }

    private TransferFeatures(List<SourceModel> sources, Geometry geometry, SourceFeatures table) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no source");
        }
        this.sources = List.copyOf(sources);
        this.table = table;
        this.geometry = geometry;
        this.candidates = geometry.candidates;
        this.index = geometry.index;
        this.range = geometry.range;
        this.encoding = geometry.encoding;
        this.physical = geometry.physical;
        this.energy = this.sources.stream().allMatch(SourceModel::hasEnergy);
        int k = this.sources.size();
        int n = this.candidates.size();
        latency = new double[k][];
        energyValues = energy ? new double[k][] : null;
        meanLatency = new double[n];
        meanEnergy = energy ? new double[n] : null;
        rawLatency = new double[n];
        rawEnergy = energy ? new double[n] : null;
        supportLatency = new double[n];
        supportEnergy = new double[n];
        supported = new boolean[n];
        java.util.Arrays.fill(supported, true);
        int[] positions = tablePositions();
        for (int s = 0; s < k; s++) {
            SourceModel src = this.sources.get(s);
            latency[s] = candidateValues(s, Metric.LATENCY, positions);
            if (energy) {
                energyValues[s] = candidateValues(s, Metric.ENERGY, positions);
            }
            SourceSupport support = src.support();
            for (int i = 0; i < n; i++) {
                Configuration c = this.candidates.get(i);
                supportLatency[i] += support.variance(Metric.LATENCY, c) / k;
                supportEnergy[i] += support.variance(Metric.ENERGY, c) / k;
                supported[i] &= support.supports(c);
                meanLatency[i] += latency[s][i] / k;
                rawLatency[i] += raw(src, Metric.LATENCY, this.candidates.get(i), latency[s][i]) / k;
                if (energy) {
                    meanEnergy[i] += energyValues[s][i] / k;
                    rawEnergy[i] += raw(src, Metric.ENERGY, this.candidates.get(i), energyValues[s][i]) / k;
                }
            }
        }
    }

    /**
     * What the views of one set of candidates share whatever the sources ({@link #perSource()}): the candidates
     * and their index, the encoding's range (the candidates, then the reference configurations not among them
     * that have every option) and the encoding over it, the candidates' features; and, computed on first use,
     * the features of the range and each range row's position in the session's table.
     */
    private static final class Geometry {
        private final List<Configuration> candidates;
        private final Map<Configuration, Integer> index;
        private final List<Configuration> range;
        private final PhysicalEncoding encoding;
        private final double[][] physical;
        private volatile double[][] rangeFeatures;
        private volatile int[] rangePositions;

        private Geometry(List<Configuration> candidates, Map<Configuration, Integer> index, List<Configuration> range,
                         PhysicalEncoding encoding, double[][] physical) {
            this.candidates = candidates;
            this.index = index;
            this.range = range;
            this.encoding = encoding;
            this.physical = physical;
        }

        static Geometry of(List<Option> options, List<Configuration> candidates, List<Configuration> reference) {
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no candidate configurations");
            }
            List<Configuration> cs = List.copyOf(candidates);
            Map<Configuration, Integer> index = new HashMap<>(cs.size() * 2);
            for (int i = 0; i < cs.size(); i++) {
                if (index.put(cs.get(i), i) != null) {
                    throw new IllegalArgumentException("candidate listed twice: " + cs.get(i));
                }
            }
            List<Configuration> range = new ArrayList<>(cs);
            for (Configuration c : reference) {
                if (!index.containsKey(c) && options.stream().allMatch(o -> c.has(o.name()))) {
                    range.add(c);
                }
            }
            PhysicalEncoding encoding = PhysicalEncoding.over(options, range);
            return new Geometry(cs, index, List.copyOf(range), encoding, encoding.encode(cs));
        }

        /** The physical features of every range row (the candidates' own arrays first; do not modify). */
        double[][] rangeFeatures() {
            double[][] x = rangeFeatures;
            if (x == null) {
                x = new double[range.size()][];
                for (int r = 0; r < x.length; r++) {
                    x[r] = r < candidates.size() ? physical[r] : encoding.encode(range.get(r));
                }
                rangeFeatures = x;
            }
            return x;
        }

        /**
         * Each range row's position in the session's table ({@link SourceFeatures#indexOf}), or -1 (all -1 without
         * a table), computed on first use: every view sharing this geometry has the table or one of its
         * single-source views ({@link SourceFeatures#single}), which share its index.
         */
        int[] rangePositions(SourceFeatures table) {
            int[] t = rangePositions;
            if (t == null) {
                t = new int[range.size()];
                for (int r = 0; r < t.length; r++) {
                    t[r] = table == null ? -1 : table.indexOf(range.get(r));
                }
                rangePositions = t;
            }
            return t;
        }
    }

    /** Each candidate's position in the session's table ({@link #tableIndex}), or null without a table. */
    private int[] tablePositions() {
        if (table == null) {
            return null;
        }
        int[] t = new int[candidates.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = table.indexOf(candidates.get(i));
        }
        return t;
    }

    /**
     * Source {@code s}'s log values of {@code metric} at every candidate, from the table where it has them
     * ({@code positions}: {@link #tablePositions}, looked up once for every source and metric).
     */
    private double[] candidateValues(int s, Metric metric, int[] positions) {
        if (positions == null) {
            return sources.get(s).logValues(metric, candidates);
        }
        double[] y = new double[candidates.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = sourceValue(s, metric, candidates.get(i), positions[i]);
        }
        return y;
    }

    /**
     * {@link SourceModel#rawLogValue} of {@code c} given the view's value {@code viewValue} there: where the
     * source did not measure {@code c} both views hold the smoothed value, so the smoother is not run again.
     */
    private static double raw(SourceModel source, Metric metric, Configuration c, double viewValue) {
        double measured = source.measuredLogValue(metric, c);
        return Double.isNaN(measured) ? viewValue : measured;
    }

    /** Position of {@code c} in the session's table, or -1 (also without a table). */
    private int tableIndex(Configuration c) {
        return table == null ? -1 : table.indexOf(c);
    }

    /**
     * Source {@code s}'s log value of {@code metric} at {@code c}, whose position in the table is {@code t}
     * ({@link #tableIndex}): the table's when it has it, else the source model's.
     */
    private double sourceValue(int s, Metric metric, Configuration c, int t) {
        return t >= 0 ? table.logValue(s, metric, t) : sources.get(s).logValue(metric, c);
    }

    /**
     * Features of candidates given only as configurations (no declared target space): option kinds come
     * from the source space where it has the option, otherwise the option is numeric.
     */
    public static TransferFeatures of(SourceModel source, List<Configuration> candidates) {
        return of(source, candidates, List.of());
    }

    /**
     * As {@link #of(SourceModel, List)}, but features are normalised over the candidates and
     * {@code reference} together (for example the source's configurations, when the candidates are only
     * a few samples).
     */
    public static TransferFeatures of(SourceModel source, List<Configuration> candidates,
                                      List<Configuration> reference) {
        return of(List.of(source), candidates, reference);
    }

    /** As {@link #of(SourceModel, List, List)} with several sources (option kinds from the first). */
    public static TransferFeatures of(List<SourceModel> sources, List<Configuration> candidates,
                                      List<Configuration> reference) {
        return of(sources, candidates, reference, null);
    }

    /**
     * As {@link #of(List, List, List)} with the sources of {@code table}, reading their values from it: the
     * same features, without evaluating a source model again at a configuration the table holds.
     */
    public static TransferFeatures of(SourceFeatures table, List<Configuration> candidates,
                                      List<Configuration> reference) {
        return of(table.sources(), candidates, reference, table);
    }

    private static TransferFeatures of(List<SourceModel> sources, List<Configuration> candidates,
                                       List<Configuration> reference, SourceFeatures table) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate configurations");
        }
        ConfigurationSpace sourceSpace = sources.get(0).source().space();
        List<Option> options = new ArrayList<>();
        for (String name : candidates.get(0).values().keySet()) {
            var known = sourceSpace.option(name);
            if (known.isPresent() && known.get().kind() == OptionKind.CATEGORICAL) {
                options.add(known.get());
            } else {
                options.add(Option.ordinal(name, candidates.stream().map(c -> c.get(name)).toList()));
            }
        }
        return new TransferFeatures(sources, options, candidates, reference, table);
    }

    /** The (first) source. */
    public SourceModel source() {
        return sources.get(0);
    }

    public List<SourceModel> sources() {
        return sources;
    }

    /**
     * The same candidates seen from each source alone, in the order of {@link #sources()} (this object
     * itself when there is one source); computed once.
     */
    public List<TransferFeatures> perSource() {
        if (sources.size() == 1) {
            return List.of(this);
        }
        List<TransferFeatures> s = singles;
        if (s == null) {
            synchronized (this) {
                if (singles == null) {
                    List<TransferFeatures> list = new ArrayList<>();
                    for (int i = 0; i < sources.size(); i++) {
                        list.add(new TransferFeatures(List.of(sources.get(i)), geometry,
                                table == null ? null : table.single(i)));
                    }
                    singles = List.copyOf(list);
                }
                s = singles;
            }
        }
        return s;
    }

    public int size() {
        return candidates.size();
    }

    public List<Configuration> candidates() {
        return candidates;
    }

    public Configuration candidate(int i) {
        return candidates.get(i);
    }

    /** Position of {@code c} among the candidates, or -1. */
    public int indexOf(Configuration c) {
        return index.getOrDefault(c, -1);
    }

    /** Normalised physical features of candidate {@code i} (do not modify). */
    public double[] physical(int i) {
        return physical[i];
    }

    /** Physical features of any configuration. */
    double[] physical(Configuration c) {
        int i = indexOf(c);
        return i >= 0 ? physical[i] : encoding.encode(c);
    }

    /** The number of physical features ({@link PhysicalEncoding}). */
    public int physicalWidth() {
        return physical[0].length;
    }

    /**
     * How strongly the source reacts to each physical feature, relative to the strongest: per feature, the
     * standard deviation over its levels of the (mean over sources) source log value averaged at each level,
     * over the candidates and reference configurations; the larger of latency's and energy's, each divided
     * by its largest over features. In (0, 1]; 1 for the most influential feature (computed once; do not
     * modify).
     */
    double[] influence() {
        double[] w = influence;
        if (w == null) {
            synchronized (this) {
                if (influence == null) {
                    influence = computeInfluence();
                }
                w = influence;
            }
        }
        return w;
    }

    private double[] computeInfluence() {
        int p = physicalWidth();
        double[][] x = geometry.rangeFeatures();
        int[] positions = geometry.rangePositions(table);
        double[] w = new double[p];
        for (Metric m : Metric.values()) {
            if (m == Metric.ENERGY && !energy) {
                continue;
            }
            double[] y = new double[x.length];
            for (int r = 0; r < y.length; r++) {
                y[r] = r < candidates.size() ? sourceLog(m, r) : meanSourceValue(m, range.get(r), positions[r]);
            }
            double[] sd = new double[p];
            double max = 0;
            for (int j = 0; j < p; j++) {
                final int column = j;
                sd[j] = levelMeansSd(x.length, r -> x[r][column], r -> y[r]);
                max = Math.max(max, sd[j]);
            }
            for (int j = 0; j < p; j++) {
                w[j] = Math.max(w[j], max > 0 ? sd[j] / max : 1);
            }
        }
        for (int j = 0; j < p; j++) {
            w[j] = Math.max(w[j], 1e-3);
        }
        return w;
    }

    /**
     * The log-space variance a prediction of {@code metric} at candidate {@code i} gains because the candidate
     * lies outside the range the sources measured ({@link SourceSupport#variance}, mean over sources); 0 inside.
     */
    public double supportVariance(Metric metric, int i) {
        return (metric == Metric.ENERGY ? supportEnergy : supportLatency)[i];
    }

    /** {@link #supportVariance(Metric, int)} of any configuration. */
    double supportVariance(Metric metric, Configuration c) {
        int i = indexOf(c);
        if (i >= 0) {
            return supportVariance(metric, i);
        }
        double v = 0;
        for (SourceModel s : sources) {
            v += s.support().variance(metric, c) / sources.size();
        }
        return v;
    }

    /** True if every source measured within the range of every option of candidate {@code i}. */
    public boolean supported(int i) {
        return supported[i];
    }

    /** True if every source has energy measurements. */
    public boolean hasSourceEnergy() {
        return energy;
    }

    /** The (mean over sources) source log value of {@code metric} at candidate {@code i}. */
    public double sourceLog(Metric metric, int i) {
        return pick(metric, meanLatency, meanEnergy)[i];
    }

    /** {@link #sourceLog(Metric, int)} of any configuration. */
    double sourceLog(Metric metric, Configuration c) {
        int i = indexOf(c);
        if (i >= 0) {
            return sourceLog(metric, i);
        }
        pick(metric, meanLatency, meanEnergy);
        return meanSourceValue(metric, c, tableIndex(c));
    }

    /** The mean over sources of their log values of {@code metric} at {@code c}, at position {@code t} in the table. */
    private double meanSourceValue(Metric metric, Configuration c, int t) {
        double v = 0;
        for (int s = 0; s < sources.size(); s++) {
            v += sourceValue(s, metric, c, t) / sources.size();
        }
        return v;
    }

    /** The (mean) source's measured log value where it measured candidate {@code i}, else the smoothed one. */
    public double rawSourceLog(Metric metric, int i) {
        return pick(metric, rawLatency, rawEnergy)[i];
    }

    private double[] pick(Metric metric, double[] lat, double[] en) {
        if (metric == Metric.ENERGY) {
            if (!energy) {
                throw new IllegalStateException("a source has no energy measurements");
            }
            return en;
        }
        return lat;
    }

    /**
     * The stacking row of candidate {@code i}: each source model's log latency and log energy (if every
     * source has energy) and the physical features.
     */
    public double[] stackRow(int i) {
        int k = sources.size();
        double[] lat = new double[k];
        double[] en = energy ? new double[k] : null;
        for (int s = 0; s < k; s++) {
            lat[s] = latency[s][i];
            if (energy) {
                en[s] = energyValues[s][i];
            }
        }
        return row(lat, en, physical[i]);
    }

    /** The stacking row of any configuration, candidate or not (see {@link #stackRow(int)}). */
    double[] stackRow(Configuration c) {
        int i = indexOf(c);
        if (i >= 0) {
            return stackRow(i);
        }
        int k = sources.size();
        double[] lat = new double[k];
        double[] en = energy ? new double[k] : null;
        int t = tableIndex(c);
        for (int s = 0; s < k; s++) {
            lat[s] = sourceValue(s, Metric.LATENCY, c, t);
            if (energy) {
                en[s] = sourceValue(s, Metric.ENERGY, c, t);
            }
        }
        return row(lat, en, encoding.encode(c));
    }

    private static double[] row(double[] lat, double[] en, double[] x) {
        int per = en == null ? 1 : 2;
        double[] row = new double[per * lat.length + x.length];
        for (int s = 0; s < lat.length; s++) {
            row[per * s] = lat[s];
            if (en != null) {
                row[per * s + 1] = en[s];
            }
        }
        System.arraycopy(x, 0, row, per * lat.length, x.length);
        return row;
    }

    /** Physical features plus the mean source log latency and energy normalised over the candidates. */
    public double[] designRow(int i) {
        return design()[i];
    }

    /** {@link #designRow(int)} of any configuration. */
    double[] designRow(Configuration c) {
        double[][] d = design();
        int i = indexOf(c);
        if (i >= 0) {
            return d[i];
        }
        double[] x = encoding.encode(c);
        double[] row = Arrays.copyOf(x, x.length + (energy ? 2 : 1));
        row[x.length] = (sourceLog(Metric.LATENCY, c) - latRange[0]) / latRange[1];
        if (energy) {
            row[x.length + 1] = (sourceLog(Metric.ENERGY, c) - enRange[0]) / enRange[1];
        }
        return row;
    }

    private volatile double[][] design;
    private double[] latRange;
    private double[] enRange;

    private double[][] design() {
        double[][] d = design;
        if (d == null) {
            synchronized (this) {
                if (design == null) {
                    latRange = range(meanLatency);
                    enRange = energy ? range(meanEnergy) : null;
                    design = Designs.designSpace(this);
                }
                d = design;
            }
        }
        return d;
    }

    private static double[] range(double[] v) {
        double lo = Arrays.stream(v).min().orElseThrow();
        double hi = Arrays.stream(v).max().orElseThrow();
        return new double[] {lo, hi > lo ? hi - lo : 1};
    }

    /**
     * The standard deviation, over the distinct values of {@code x}, of the mean of {@code y} at each value:
     * how strongly {@code y} reacts to that feature on its own (rows {@code 0..rows-1}).
     */
    public static double levelMeansSd(int rows, java.util.function.IntToDoubleFunction x,
            java.util.function.IntToDoubleFunction y) {
        Map<Double, double[]> levels = new HashMap<>();
        for (int r = 0; r < rows; r++) {
            double[] acc = levels.computeIfAbsent(x.applyAsDouble(r), k -> new double[2]);
            acc[0] += y.applyAsDouble(r);
            acc[1]++;
        }
        double mean = 0;
        for (double[] acc : levels.values()) {
            mean += acc[0] / acc[1] / levels.size();
        }
        double var = 0;
        for (double[] acc : levels.values()) {
            double d = acc[0] / acc[1] - mean;
            var += d * d / levels.size();
        }
        return Math.sqrt(var);
    }
}
