package org.tunerd.daemon.config;

import java.util.List;
import java.util.Locale;
import org.tunerd.models.adaptation.Adaptations;
import org.tunerd.models.learn.Learners;

/**
 * The strategy and learner names a policy may use (lower case, as in the configuration file): exactly
 * the names the models library's factories accept, so the config cannot accept a name that fails later.
 */
public final class PolicyNames {

    /** Adaptations (the policy's {@code strategy}), the default first, see {@link Adaptations}. */
    public static final List<String> STRATEGIES = lowerCase(Adaptations.NAMES);
    /** Learners, see {@link Learners}. */
    public static final List<String> LEARNERS = lowerCase(Learners.NAMES);

    private PolicyNames() {
    }

    private static List<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
