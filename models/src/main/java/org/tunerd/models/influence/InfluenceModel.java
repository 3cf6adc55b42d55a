package org.tunerd.models.influence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.learn.Model;
import org.tunerd.models.space.Configuration;

/**
 * The result of stepwise regression: {@code y = intercept + sum(coefficient * product of features)}, in
 * the order the terms were selected, with the fit's quality on the rows it was fitted on.
 *
 * @param encoding         the encoding whose features the terms multiply
 * @param intercept        the constant term
 * @param terms            the influential terms
 * @param rSquared         coefficient of determination
 * @param adjustedRSquared R^2 adjusted for the number of terms
 * @param bic              Bayesian information criterion {@code n ln(RSS/n) + (k+1) ln n}
 * @param rows             number of rows fitted
 */
public record InfluenceModel(FeatureEncoding encoding, double intercept, List<Term> terms, double rSquared,
        double adjustedRSquared, double bic, int rows) implements Model {

    public InfluenceModel {
        Objects.requireNonNull(encoding, "encoding");
        terms = List.copyOf(terms);
    }

    /** The options that appear in some term, in order of first appearance. */
    public List<String> influentialOptions() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        terms.forEach(t -> out.addAll(t.optionNames()));
        return List.copyOf(out);
    }

    @Override
    public double predict(Configuration configuration) {
        double[] x = encoding.encode(configuration);
        List<String> names = encoding.names();
        double y = intercept;
        for (Term t : terms) {
            double v = t.coefficient();
            for (String f : t.options()) {
                v *= x[names.indexOf(f)];
            }
            y += v;
        }
        return y;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "y = %.6g", intercept));
        terms.forEach(t -> sb.append(' ').append(t));
        return sb.append(String.format(java.util.Locale.ROOT, "  (R^2 %.4f, n %d)", rSquared, rows)).toString();
    }
}
