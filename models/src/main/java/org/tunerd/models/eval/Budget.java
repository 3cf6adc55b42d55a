package org.tunerd.models.eval;

/**
 * How many target configurations a strategy may measure: a fraction of the candidates or a count.
 *
 * @param fraction share of the candidates in (0, 1], or NaN when a count is given
 * @param count    number of configurations, or -1 when a fraction is given
 */
public record Budget(double fraction, int count) {

    /** The study's budget: 2.44 % of the space (19 of 768 configurations). */
    public static final Budget STUDY = fraction(0.0244);

    public Budget {
        boolean isFraction = !Double.isNaN(fraction);
        if (isFraction == (count >= 0)) {
            throw new IllegalArgumentException("a budget is either a fraction or a count");
        }
        if (isFraction && !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("budget fraction must be in (0, 1], got " + fraction);
        }
    }

    public static Budget fraction(double fraction) {
        return new Budget(fraction, -1);
    }

    public static Budget count(int count) {
        return new Budget(Double.NaN, count);
    }

    /** {@code 0.0244} is a fraction, {@code 19} (no decimal point) a count. */
    public static Budget parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                return count(Integer.parseInt(t));
            }
            return fraction(Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t)
                    / (t.endsWith("%") ? 100 : 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget must be a fraction like 0.0244, a percentage like 2.44% or a "
                    + "count like 19, got '" + text + "'");
        }
    }

    /** The number of configurations for {@code candidates} candidates: the rounded fraction (at least 1) or the count, at most all. */
    public int resolve(int candidates) {
        int k = count >= 0 ? count : (int) Math.max(1, Math.round(fraction * candidates));
        return Math.min(k, candidates);
    }

    @Override
    public String toString() {
        return count >= 0 ? Integer.toString(count) : String.format(java.util.Locale.ROOT, "%.4g%%", 100 * fraction);
    }
}
