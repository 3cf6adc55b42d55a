package org.tunerd.daemon.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tunerd.daemon.config.ObjectiveSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.models.optimize.Objective;

/** Turns the configured policy into the models library's objective, and into flat settings for records. */
final class Policies {

    private Policies() {
    }

    static Objective objective(ObjectiveSettings settings) {
        return settings.toObjective();
    }

    static Map<String, String> settings(PolicySettings policy) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("objective", objective(policy.objective()).toString());
        m.put("strategy", policy.strategy());
        m.put("learner", policy.learner());
        m.put("budget", policy.budget().toString());
        m.put("constraints", policy.constraints().toConstraints().toString());
        return m;
    }
}
