package org.tunerd.models.influence;

import java.util.List;

/**
 * One term of an influence model: the product of the named encoded features (a main effect for one
 * feature, an interaction for several) times its coefficient.
 *
 * <p>Feature names are option names for numeric options (values in the encoding's physical scale, e.g.
 * GHz) and {@code option=label} for a category indicator.
 *
 * @param options     the features multiplied, in encoding order
 * @param coefficient the term's coefficient in the model's response unit per encoded unit
 */
public record Term(List<String> options, double coefficient) {

    public Term {
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("a term needs at least one option");
        }
        if (!Double.isFinite(coefficient)) {
            throw new IllegalArgumentException("term " + options + ": coefficient must be finite, got " + coefficient);
        }
    }

    /** 1 for a main effect, 2 for a pairwise interaction, ... */
    public int order() {
        return options.size();
    }

    /** The option names the term involves (the part before {@code =} of an indicator feature). */
    public List<String> optionNames() {
        return options.stream().map(f -> f.contains("=") ? f.substring(0, f.indexOf('=')) : f).distinct().toList();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%+.6g*%s", coefficient, String.join("*", options));
    }
}
