package org.tunerd.models.space;

/** How an option's values relate to each other. */
public enum OptionKind {
    /** Two values, 0 and 1 (for example a core offline or online). */
    BINARY,
    /** Ordered numeric values (for example a list of frequencies or a core count). */
    ORDINAL,
    /** Unordered values, stored as codes 0..k-1 with a label each. */
    CATEGORICAL
}
