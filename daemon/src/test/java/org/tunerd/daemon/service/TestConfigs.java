package org.tunerd.daemon.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.models.space.Budget;

/** The configuration the service tests start a daemon with: the built-in defaults, LMS + rt, a small budget. */
final class TestConfigs {

    /** HTTP switched off. */
    static final HttpSettings NO_HTTP = new HttpSettings(false, "127.0.0.1", 0, Optional.empty(), Optional.empty());

    private TestConfigs() {
    }

    /**
     * Device {@code test-device} on the default (simulated) board tuning {@code dnn} at {@code size}x{@code size}
     * with {@code budget} measurements, no settle time, state under {@code dir/state}.
     */
    static TunerConfig simulated(Path dir, String dnn, int size, int budget, HttpSettings http) {
        TunerConfig base = new ConfigLoader().defaults();
        WorkloadSettings workload = new WorkloadSettings(dnn, size, size, Map.of(), Optional.empty(), 0, 1,
                Duration.ZERO, Optional.empty());
        PolicySettings policy = new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(budget),
                base.policy().constraints());
        return new TunerConfig("test-device", base.device(), workload, policy, base.retune(), base.kafka(), http,
                StoreSettings.under(dir.resolve("state"), base.store().similarity()));
    }
}
