package org.tunerd.models.influence;

/** When stepwise regression adds a term to the model and when it removes one. */
public sealed interface SelectionRule {

    /**
     * Partial F-test of one term: a term enters when the p-value of adding it is below {@code enter}
     * (the smallest such p-value wins) and leaves when the p-value of keeping it is above {@code exit}
     * (the largest leaves first). {@code enter < exit} so a term cannot enter and leave forever.
     */
    record PValue(double enter, double exit) implements SelectionRule {
        public PValue {
            if (!(enter > 0 && enter < exit && exit < 1)) {
                throw new IllegalArgumentException("need 0 < enter < exit < 1, got enter " + enter + ", exit " + exit);
            }
        }
    }

    /**
     * Bayesian information criterion {@code n ln(RSS/n) + k ln n}: a term enters when adding it lowers the
     * BIC the most, and leaves when removing it lowers the BIC.
     */
    record Bic() implements SelectionRule {
    }

    /** The classic rule: enter at p < 0.05, leave at p > 0.10. */
    static SelectionRule standard() {
        return new PValue(0.05, 0.10);
    }
}
