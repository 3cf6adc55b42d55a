package org.tunerd.models.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * Turns configurations into the numeric feature vectors every learner sees. Shared by all learners so
 * that models are comparable and a model carries the encoding it was trained with.
 *
 * <p>Numeric (ordinal and binary) options become one feature each: the option's VALUE divided by a fixed
 * physical scale, the decimal order of magnitude of the option's largest value (kHz CPU frequencies of up
 * to 2,035,200 are divided by 10^6, i.e. expressed in GHz; Hz frequencies by 10^9; a core count of 4 by 1).
 * The scale is fixed when the encoding is made and never depends on which values a later configuration
 * holds, so a model trained on one space predicts configurations with values it never saw (another
 * board's frequency table) on the same scale. Categorical options become one indicator per category
 * code (one-hot); a code the encoding does not know encodes as all zeros. Immutable and thread-safe.
 */
public final class FeatureEncoding {

    /**
     * One feature column.
     *
     * @param name   feature name: the option name, or {@code option=label} for a category indicator
     * @param option the option the feature is computed from
     * @param code   the category code this indicator is 1 for; {@code NaN} for numeric features
     * @param scale  the divisor applied to the option value (1 for indicators)
     */
    public record Feature(String name, String option, double code, double scale) {

        public Feature {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(option, "option");
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("feature '" + name + "': scale must be positive, got " + scale);
            }
        }

        public boolean isIndicator() {
            return !Double.isNaN(code);
        }

        double encode(Configuration c) {
            double v = c.get(option);
            return isIndicator() ? (v == code ? 1.0 : 0.0) : v / scale;
        }
    }

    private final List<Feature> features;
    private final List<String> options;

    public FeatureEncoding(List<Feature> features) {
        this.features = List.copyOf(features);
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("an encoding needs at least one feature");
        }
        this.options = this.features.stream().map(Feature::option).distinct().toList();
    }

    /** The encoding of a declared space: numeric options scaled by their order of magnitude, categories one-hot. */
    public static FeatureEncoding of(ConfigurationSpace space) {
        return of(space.options());
    }

    /** The encoding of the given options (see the class comment for the rules). */
    public static FeatureEncoding of(List<Option> options) {
        List<Feature> features = new ArrayList<>();
        for (Option o : options) {
            if (o.kind() == OptionKind.CATEGORICAL) {
                for (int i = 0; i < o.size(); i++) {
                    features.add(new Feature(o.name() + "=" + o.labels().get(i), o.name(), o.values().get(i), 1.0));
                }
            } else {
                features.add(new Feature(o.name(), o.name(), Double.NaN, magnitude(Math.max(Math.abs(o.min()),
                        Math.abs(o.max())))));
            }
        }
        return new FeatureEncoding(features);
    }

    /**
     * An encoding inferred from configurations alone (no declared space): every option is numeric, in
     * the order of the first configuration's options, scaled by the order of magnitude of its largest
     * absolute value among {@code configurations}.
     */
    public static FeatureEncoding infer(List<Configuration> configurations) {
        if (configurations.isEmpty()) {
            throw new IllegalArgumentException("cannot infer an encoding from no configurations");
        }
        Map<String, Double> largest = new LinkedHashMap<>();
        configurations.get(0).values().keySet().forEach(k -> largest.put(k, 0.0));
        for (Configuration c : configurations) {
            if (!c.values().keySet().equals(largest.keySet())) {
                throw new IllegalArgumentException("configurations have different options: " + largest.keySet()
                        + " and " + c.values().keySet());
            }
            c.values().forEach((k, v) -> largest.merge(k, Math.abs(v), Math::max));
        }
        List<Feature> features = new ArrayList<>();
        largest.forEach((k, max) -> features.add(new Feature(k, k, Double.NaN, magnitude(max))));
        return new FeatureEncoding(features);
    }

    /** The decimal order of magnitude of {@code value}: 10^floor(log10(value)), and 1 for 0. */
    static double magnitude(double value) {
        if (value == 0) {
            return 1.0;
        }
        return Math.pow(10, Math.floor(Math.log10(value) + 1e-12));
    }

    public List<Feature> features() {
        return features;
    }

    /** Feature names in column order. */
    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /** The options this encoding reads, in order. */
    public List<String> options() {
        return options;
    }

    public int width() {
        return features.size();
    }

    /** The divisor of a numeric option; fails for unknown or categorical options. */
    public double scale(String option) {
        return features.stream().filter(f -> f.option().equals(option) && !f.isIndicator()).findFirst()
                .map(Feature::scale)
                .orElseThrow(() -> new IllegalArgumentException("no numeric feature for option '" + option
                        + "'; features: " + names()));
    }

    /** The feature vector of {@code configuration}; fails naming the option the configuration lacks. */
    public double[] encode(Configuration configuration) {
        double[] x = new double[features.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = features.get(i).encode(configuration);
        }
        return x;
    }

    /** One row per configuration. */
    public double[][] encode(List<Configuration> configurations) {
        double[][] x = new double[configurations.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encode(configurations.get(i));
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureEncoding other && other.features.equals(features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Feature f : features) {
            parts.add(f.isIndicator() ? f.name()
                    : f.name() + "/" + String.format(java.util.Locale.ROOT, "%.0e", f.scale()));
        }
        return "FeatureEncoding" + Collections.unmodifiableList(parts);
    }
}
