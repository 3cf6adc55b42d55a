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

    private final List<Configuration> candidates;
    private final Map<Configuration, Integer> index;
    private final double[][] physical;
    private final double[] sourceLatency;
    private final double[] sourceEnergy;

    /** Features of {@code candidates}, configurations of {@code target}, seen from {@code source}. */
    public TransferFeatures(SourceModel source, ConfigurationSpace target, List<Configuration> candidates) {
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
        this.physical = PhysicalEncoding.over(target.options(), this.candidates).encode(this.candidates);
        this.sourceLatency = source.logValues(Metric.LATENCY, this.candidates);
        this.sourceEnergy = source.hasEnergy() ? source.logValues(Metric.ENERGY, this.candidates) : null;
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
