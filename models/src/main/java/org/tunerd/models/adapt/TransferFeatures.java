package org.tunerd.models.adapt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;

/**
 * The candidate configurations of a target with everything a transfer model reads about them, computed
 * once: normalised physical features ({@link PhysicalEncoding} over the candidates) and the source's log
 * latency and log energy. Immutable.
 */
public final class TransferFeatures {

    private final SourceModel source;
    private final PhysicalEncoding encoding;
    private final List<Configuration> candidates;
    private final Map<Configuration, Integer> index;
    private final double[][] physical;
    private final double[] sourceLatency;
    private final double[] sourceEnergy;
    private final double[] rawLatency;
    private final double[] rawEnergy;

    /** Features of {@code candidates}, configurations of {@code target}, seen from {@code source}. */
    public TransferFeatures(SourceModel source, ConfigurationSpace target, List<Configuration> candidates) {
        this(source, target.options(), candidates);
    }

    /** Features of {@code candidates}, whose options are {@code options}, seen from {@code source}. */
    public TransferFeatures(SourceModel source, List<org.tunerd.models.space.Option> options,
                            List<Configuration> candidates) {
        this(source, options, candidates, List.of());
    }

    private TransferFeatures(SourceModel source, List<org.tunerd.models.space.Option> options,
                             List<Configuration> candidates, List<Configuration> reference) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate configurations");
        }
        this.candidates = List.copyOf(candidates);
        this.index = new HashMap<>(candidates.size() * 2);
        for (int i = 0; i < this.candidates.size(); i++) {
            if (index.put(this.candidates.get(i), i) != null) {
                throw new IllegalArgumentException("candidate listed twice: " + this.candidates.get(i));
            }
        }
        this.source = source;
        List<Configuration> range = new java.util.ArrayList<>(this.candidates);
        for (Configuration c : reference) {
            if (options.stream().allMatch(o -> c.has(o.name()))) {
                range.add(c);
            }
        }
        this.encoding = PhysicalEncoding.over(options, range);
        this.physical = encoding.encode(this.candidates);
        this.sourceLatency = source.logValues(Metric.LATENCY, this.candidates);
        this.sourceEnergy = source.hasEnergy() ? source.logValues(Metric.ENERGY, this.candidates) : null;
        this.rawLatency = new double[this.candidates.size()];
        this.rawEnergy = sourceEnergy == null ? null : new double[this.candidates.size()];
        for (int i = 0; i < rawLatency.length; i++) {
            rawLatency[i] = source.rawLogValue(Metric.LATENCY, this.candidates.get(i));
            if (rawEnergy != null) {
                rawEnergy[i] = source.rawLogValue(Metric.ENERGY, this.candidates.get(i));
            }
        }
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
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate configurations");
        }
        ConfigurationSpace sourceSpace = source.source().space();
        List<org.tunerd.models.space.Option> options = new java.util.ArrayList<>();
        for (String name : candidates.get(0).values().keySet()) {
            var known = sourceSpace.option(name);
            if (known.isPresent() && known.get().kind() == org.tunerd.models.space.OptionKind.CATEGORICAL) {
                options.add(known.get());
            } else {
                options.add(org.tunerd.models.space.Option.ordinal(name,
                        candidates.stream().map(c -> c.get(name)).toList()));
            }
        }
        return new TransferFeatures(source, options, candidates, reference);
    }

    public SourceModel source() {
        return source;
    }

    /** The stacking row of any configuration, candidate or not (see {@link #stackRow(int)}). */
    double[] stackRow(Configuration c) {
        int i = indexOf(c);
        if (i >= 0) {
            return stackRow(i);
        }
        boolean energy = sourceEnergy != null;
        return row(source.logValue(Metric.LATENCY, c), energy ? source.logValue(Metric.ENERGY, c) : Double.NaN,
                source.rawLogValue(Metric.LATENCY, c), energy ? source.rawLogValue(Metric.ENERGY, c) : Double.NaN,
                encoding.encode(c));
    }

    /** Physical features plus the source's log latency and energy normalised over the candidates. */
    double[] designRow(int i) {
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
        double[] row = java.util.Arrays.copyOf(x, x.length + (sourceEnergy == null ? 1 : 2));
        row[x.length] = (source.logValue(Metric.LATENCY, c) - latRange[0]) / latRange[1];
        if (sourceEnergy != null) {
            row[x.length + 1] = (source.logValue(Metric.ENERGY, c) - enRange[0]) / enRange[1];
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
                    latRange = range(sourceLatency);
                    enRange = sourceEnergy == null ? null : range(sourceEnergy);
                    design = Designs.designSpace(this);
                }
                d = design;
            }
        }
        return d;
    }

    private static double[] range(double[] v) {
        double lo = java.util.Arrays.stream(v).min().orElseThrow();
        double hi = java.util.Arrays.stream(v).max().orElseThrow();
        return new double[] {lo, hi > lo ? hi - lo : 1};
    }

    /** Physical features of any configuration. */
    double[] physical(Configuration c) {
        int i = indexOf(c);
        return i >= 0 ? physical[i] : encoding.encode(c);
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
    double[] physical(int i) {
        return physical[i];
    }

    int physicalWidth() {
        return physical[0].length;
    }

    public boolean hasSourceEnergy() {
        return sourceEnergy != null;
    }

    /** The source's log value of {@code metric} at candidate {@code i}. */
    public double sourceLog(Metric metric, int i) {
        if (metric == Metric.ENERGY) {
            if (sourceEnergy == null) {
                throw new IllegalStateException("the source has no energy measurements");
            }
            return sourceEnergy[i];
        }
        return sourceLatency[i];
    }

    /**
     * The stacking row of candidate {@code i}: the source model's log latency and log energy (if any) and the
     * physical features. (Adding the measured-minus-smoothed source values as two more columns was tried: it
     * overfits 19 samples and raised the MAPE by about 1 point.)
     */
    double[] stackRow(int i) {
        return row(sourceLatency[i], sourceEnergy == null ? Double.NaN : sourceEnergy[i], rawLatency[i],
                rawEnergy == null ? Double.NaN : rawEnergy[i], physical[i]);
    }

    private double[] row(double lat, double en, double rawLat, double rawEn, double[] x) {
        int extra = sourceEnergy == null ? 1 : 2;
        double[] row = new double[extra + x.length];
        row[0] = lat;
        if (sourceEnergy != null) {
            row[1] = en;
        }
        System.arraycopy(x, 0, row, extra, x.length);
        return row;
    }

    /** The source's measured log value where it measured candidate {@code i}, else the smoothed one. */
    public double rawSourceLog(Metric metric, int i) {
        if (metric == Metric.ENERGY) {
            if (rawEnergy == null) {
                throw new IllegalStateException("the source has no energy measurements");
            }
            return rawEnergy[i];
        }
        return rawLatency[i];
    }
}
