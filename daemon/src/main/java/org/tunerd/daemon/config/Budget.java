package org.tunerd.daemon.config;

/**
 * How many configurations a tuning session may measure: a count, or a fraction of the space.
 *
 * <p>In the file an integer is a count ({@code 20}), a decimal in (0,1] or a percentage is a fraction
 * ({@code 0.1}, {@code "10%"}).
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

    public boolean isFraction() {
        return fraction > 0;
    }

    /** The number of samples for a space of {@code spaceSize} configurations: at least 1, at most the space. */
    public int samples(int spaceSize) {
        int n = isFraction() ? (int) Math.round(fraction * spaceSize) : count;
        return Math.max(1, Math.min(n, spaceSize));
    }

    @Override
    public String toString() {
        return isFraction() ? fraction * 100 + "%" : Integer.toString(count);
    }
}
