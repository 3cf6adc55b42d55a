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
        return switch (settings.kind()) {
            case MIN_ENERGY -> new Objective.MinEnergy();
            case MIN_LATENCY -> new Objective.MinLatency();
            case MIN_ENERGY_UNDER_LATENCY_SLO -> new Objective.MinEnergyWithinLatency(settings.latencySlo().orElseThrow());
            case WEIGHTED -> new Objective.Weighted(settings.latencyWeight(), settings.energyWeight());
        };
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
