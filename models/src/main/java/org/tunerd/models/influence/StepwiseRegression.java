package org.tunerd.models.influence;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.models.learn.FeatureEncoding;
import org.tunerd.models.space.Configuration;
import smile.stat.distribution.FDistribution;

/**
 * Stepwise linear regression over main effects and interactions of the encoded features.
 *
 * <p>Candidate terms are every single feature and every product of {@code 2..maxOrder} features of
 * distinct options. Starting from the intercept alone, each step first tries forward selection (add the
 * best candidate that passes the entry rule), then backward elimination (drop the worst term that fails
 * the exit rule), until neither changes the model, the model holds {@code maxTerms} terms and nothing
 * leaves, or {@code maxSteps} steps were taken. Candidates that are linearly dependent on the model
 * (a constant column, the last category of an option) are skipped. Coefficients are in the encoding's
 * physical units. The settings are a value, so equal settings can share cached results.
 *
 * @param maxOrder largest interaction order (1 = main effects only)
 * @param rule     entry and exit rule
 * @param maxTerms most terms in the model
 * @param maxSteps most add/remove steps
 */
public record StepwiseRegression(int maxOrder, SelectionRule rule, int maxTerms, int maxSteps) {

    private static final Logger LOG = LoggerFactory.getLogger(StepwiseRegression.class);

    public StepwiseRegression {
        if (maxOrder < 1 || maxTerms < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("maxOrder, maxTerms and maxSteps must be >= 1");
        }
        java.util.Objects.requireNonNull(rule, "rule");
    }

    /** Pairwise interactions, p-value entry 0.05 / exit 0.10, at most 20 terms, 200 steps. */
    public static StepwiseRegression defaults() {
        return new StepwiseRegression(2, SelectionRule.standard(), 20, 200);
    }

    /** A candidate term: its feature indices and its column of values. */
    private record Candidate(int[] features, double[] column) {
    }

    public InfluenceModel fit(FeatureEncoding encoding, List<Configuration> configurations, double[] y) {
        int n = y.length;
        if (configurations.size() != n) {
            throw new IllegalArgumentException("stepwise: " + configurations.size() + " configurations but " + n
                    + " targets");
        }
        if (n < 3) {
            throw new IllegalArgumentException("stepwise: needs at least 3 rows, got " + n);
        }
        double[][] x = encoding.encode(configurations);
        List<Candidate> candidates = candidates(encoding, x);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);

        List<Candidate> model = new ArrayList<>();
        LeastSquares.Fit current = LeastSquares.fit(List.of(ones), y);
        for (int step = 0; step < maxSteps; step++) {
            boolean changed = false;
            if (model.size() < maxTerms) {
                Candidate best = null;
                LeastSquares.Fit bestFit = null;
                double bestScore = Double.POSITIVE_INFINITY;
                for (Candidate c : candidates) {
                    if (model.contains(c)) {
                        continue;
                    }
                    List<Candidate> with = new ArrayList<>(model);
                    with.add(c);
                    LeastSquares.Fit fit = LeastSquares.fit(columns(ones, with), y);
                    if (fit == null) {
                        continue;
                    }
                    double score = score(current.rss(), fit.rss(), n, with.size() + 1);
                    if (score < bestScore) {
                        bestScore = score;
                        best = c;
                        bestFit = fit;
                    }
                }
                if (best != null && enters(bestScore)) {
                    model.add(best);
                    current = bestFit;
                    changed = true;
                    LOG.debug("stepwise: added {} (score {})", names(encoding, best), bestScore);
                }
            }
            if (model.size() > 1) {
                int worst = -1;
                LeastSquares.Fit worstFit = null;
                double worstScore = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < model.size(); i++) {
                    List<Candidate> without = new ArrayList<>(model);
                    without.remove(i);
                    LeastSquares.Fit fit = LeastSquares.fit(columns(ones, without), y);
                    double score = score(fit.rss(), current.rss(), n, model.size() + 1);
                    if (score > worstScore) {
                        worstScore = score;
                        worst = i;
                        worstFit = fit;
                    }
                }
                if (leaves(worstScore)) {
                    LOG.debug("stepwise: removed {} (score {})", names(encoding, model.get(worst)), worstScore);
                    model.remove(worst);
                    current = worstFit;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return result(encoding, model, current, y);
    }

    /**
     * For the p-value rule, the p-value of the larger model's extra term; for BIC, the larger model's BIC
     * minus the smaller's. Lower favours the larger model in both cases.
     */
    private double score(double rssSmall, double rssLarge, int n, int pLarge) {
        if (rule instanceof SelectionRule.PValue) {
            int df = n - pLarge;
            if (df <= 0) {
                return 1.0;
            }
            if (rssLarge <= 1e-300) {
                return rssSmall > 1e-300 ? 0.0 : 1.0;
            }
            double f = (rssSmall - rssLarge) / (rssLarge / df);
            return f <= 0 ? 1.0 : 1.0 - new FDistribution(1, df).cdf(f);
        }
        return bic(rssLarge, n, pLarge) - bic(rssSmall, n, pLarge - 1);
    }

    private boolean enters(double score) {
        return rule instanceof SelectionRule.PValue p ? score < p.enter() : score < 0;
    }

    private boolean leaves(double score) {
        return rule instanceof SelectionRule.PValue p ? score > p.exit() : score > 0;
    }

    static double bic(double rss, int n, int parameters) {
        return n * Math.log(Math.max(rss, 1e-300) / n) + parameters * Math.log(n);
    }

    private List<Candidate> candidates(FeatureEncoding encoding, double[][] x) {
        List<FeatureEncoding.Feature> features = encoding.features();
        List<Candidate> out = new ArrayList<>();
        combine(features, x, new int[0], 0, out);
        return out;
    }

    private void combine(List<FeatureEncoding.Feature> features, double[][] x, int[] prefix, int from,
            List<Candidate> out) {
        for (int j = from; j < features.size(); j++) {
            boolean sameOption = false;
            for (int i : prefix) {
                sameOption |= features.get(i).option().equals(features.get(j).option());
            }
            if (sameOption) {
                continue;
            }
            int[] term = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            term[prefix.length] = j;
            double[] column = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                double v = 1;
                for (int f : term) {
                    v *= x[r][f];
                }
                column[r] = v;
            }
            out.add(new Candidate(term, column));
            if (term.length < maxOrder) {
                combine(features, x, term, j + 1, out);
            }
        }
    }

    private static List<double[]> columns(double[] ones, List<Candidate> terms) {
        List<double[]> cols = new ArrayList<>(terms.size() + 1);
        cols.add(ones);
        terms.forEach(t -> cols.add(t.column()));
        return cols;
    }

    private static List<String> names(FeatureEncoding encoding, Candidate c) {
        List<String> names = new ArrayList<>();
        for (int f : c.features()) {
            names.add(encoding.features().get(f).name());
        }
        return names;
    }

    private static InfluenceModel result(FeatureEncoding encoding, List<Candidate> model, LeastSquares.Fit fit,
            double[] y) {
        int n = y.length;
        double mean = java.util.Arrays.stream(y).average().orElse(0);
        double tss = 0;
        for (double v : y) {
            tss += (v - mean) * (v - mean);
        }
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            terms.add(new Term(names(encoding, model.get(i)), fit.coefficients()[i + 1]));
        }
        int k = model.size();
        double r2 = tss > 0 ? 1 - fit.rss() / tss : 1.0;
        double adjusted = n - k - 1 > 0 ? 1 - (1 - r2) * (n - 1) / (n - k - 1) : r2;
        return new InfluenceModel(encoding, fit.coefficients()[0], terms, r2, adjusted, bic(fit.rss(), n, k + 1), n);
    }
}
