package org.tunerd.models.transfer;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.tunerd.models.adapt.SourceModel;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.influence.InfluenceModel;
import org.tunerd.models.influence.StepwiseRegression;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Learner;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.SoftwareValues;

/**
 * The measured source environment of a transfer, with the models fitted on it.
 *
 * <p>A source model is fitted once per metric and learner instance and then reused by every strategy,
 * target and repetition; the stepwise influence once per settings; fitting happens on first use and is
 * thread-safe. The feature encoding is made from the source space and shared by every model a strategy
 * fits, source or target. The source's measured and smoothed log values ({@link #values()}) can be shared
 * with other {@code Source}s of the same data, so that their costly smoother is fitted once.
 */
public final class Source {

    private record Key(Metric metric, Learner learner) {
    }

    private final MeasurementSet data;
    private final SourceModel values;
    private final FeatureEncoding encoding;
    private final Map<Key, Model> models = new ConcurrentHashMap<>();
    private final Map<java.util.List<Object>, InfluenceModel> influence = new ConcurrentHashMap<>();

    /** A source with a smoother of its own (fitted on first use). */
    public Source(MeasurementSet data) {
        this(new SourceModel(Objects.requireNonNull(data, "data")));
    }

    /** A source over {@code values}' data, sharing its smoother. */
    public Source(SourceModel values) {
        this.values = Objects.requireNonNull(values, "values").smoothed();
        this.data = values.source();
        if (data.size() == 0) {
            throw new IllegalArgumentException("source " + data.environment() + " has no measurements");
        }
        this.encoding = FeatureEncoding.of(data.space());
    }

    public MeasurementSet data() {
        return data;
    }

    /** The source's log values: the smoothed view ({@link SourceModel#measured()} gives the measured one). */
    public SourceModel values() {
        return values;
    }

    public FeatureEncoding encoding() {
        return encoding;
    }

    /** The source model of {@code metric} by {@code learner}, fitted on every source measurement once. */
    public Model model(Metric metric, Learner learner) {
        return models.computeIfAbsent(new Key(metric, learner),
                k -> learner.fit(encoding, data.configurations(), values(metric)));
    }

    /** The stepwise influence model of {@code metric} on every source measurement, computed once per settings. */
    public InfluenceModel influence(Metric metric, StepwiseRegression stepwise) {
        return influence.computeIfAbsent(java.util.List.of(metric, stepwise),
                k -> stepwise.fit(encoding, data.configurations(), values(metric)));
    }

    private double[] values(Metric metric) {
        double[] y = data.values(metric);
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                throw new IllegalArgumentException("source " + data.environment() + " has no " + metric.key()
                        + " for " + SoftwareValues.text(data.space(), data.get(i).configuration()));
            }
        }
        return y;
    }

    @Override
    public String toString() {
        return "Source[" + data.environment() + "]";
    }
}
