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
        double[] x = encoding.encode(c);
        int extra = sourceEnergy == null ? 1 : 2;
        double[] row = new double[extra + x.length];
        row[0] = source.logValue(Metric.LATENCY, c);
        if (sourceEnergy != null) {
            row[1] = source.logValue(Metric.ENERGY, c);
        }
        System.arraycopy(x, 0, row, extra, x.length);
        return row;
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

    /** The stacking row of candidate {@code i}: source log latency, source log energy (if any), physical features. */
    double[] stackRow(int i) {
        int extra = sourceEnergy == null ? 1 : 2;
        double[] row = new double[extra + physical[i].length];
        row[0] = sourceLatency[i];
        if (sourceEnergy != null) {
            row[1] = sourceEnergy[i];
        }
        System.arraycopy(physical[i], 0, row, extra, physical[i].length);
        return row;
    }
}
