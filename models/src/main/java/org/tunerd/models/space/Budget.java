package org.tunerd.models.space;

/**
 * How many configurations an adaptation may measure: a count, or a fraction of the space.
 *
 * <p>As text ({@link #parse}) an integer is a count ({@code 20}), a decimal in (0,1] or a percentage is a
 * fraction ({@code 0.1}, {@code 10%}).
 *
 * @param count    the count; 0 when the budget is a fraction
 * @param fraction the fraction in (0,1]; 0 when the budget is a count
 */
public record Budget(int count, double fraction) {

    public Budget {
        if ((count > 0) == (fraction > 0) || count < 0 || fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("a budget is a count >= 1 or a fraction in (0,1], got count="
                    + count + " fraction=" + fraction);
        }
    }

    public static Budget ofCount(int count) {
        return new Budget(count, 0);
    }

    public static Budget ofFraction(double fraction) {
        return new Budget(0, fraction);
    }

    /**
     * {@code 19} (digits only) is a count, {@code 0.0244} a fraction, {@code 2.44%} a percentage of the space.
     *
     * @throws IllegalArgumentException naming the text if it is none of these, or out of range
     */
    public static Budget parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                return ofCount(Integer.parseInt(t));
            }
            boolean percent = t.endsWith("%");
            double value = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t) / (percent ? 100 : 1);
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("budget fraction must be in (0, 1], got '" + text + "'");
            }
            return ofFraction(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("budget must be a fraction like 0.0244, a percentage like 2.44% or a "
                    + "count like 19, got '" + text + "'");
        }
    }

    public boolean isFraction() {
        return fraction > 0;
    }

    /** The number of samples for a space of {@code spaceSize} configurations: at least 1, at most the space. */
    public int samples(int spaceSize) {
        int n = isFraction() ? (int) Math.round(fraction * spaceSize) : count;
        return Math.max(1, Math.min(n, spaceSize));
    }

    /** The count, or the fraction as a percentage ({@code 10.0%}). */
    @Override
    public String toString() {
        return isFraction() ? fraction * 100 + "%" : Integer.toString(count);
    }
}
