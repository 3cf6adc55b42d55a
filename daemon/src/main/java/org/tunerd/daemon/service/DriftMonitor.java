package org.tunerd.daemon.service;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.detect.EnvironmentDetector;
import org.tunerd.daemon.device.Device;
import org.tunerd.daemon.tuning.TuningOutcome;
import org.tunerd.models.data.Measurement;

/**
 * Checks for drift: measures the configuration the device is in and compares it with the verification
 * measurement the last session took of it (not with the prediction, whose own error would retune forever).
 * A relative difference above {@code retune.driftThreshold} (latency or energy) asks for a session that
 * measures afresh. A check runs on the tuning thread between sessions; it is skipped while a session runs
 * or waits, while pinned, or before the current environment was tuned. Checks asked for while one waits
 * join it.
 */
final class DriftMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(DriftMonitor.class);

    private final Device device;
    private final EnvironmentDetector detector;
    private final TunerStatus status;
    private final SessionRunner runner;
    private final Supplier<TunerConfig> config;
    private final TuningThread.Slot<Boolean> slot;

    DriftMonitor(Device device, EnvironmentDetector detector, TunerStatus status, SessionRunner runner,
                 Supplier<TunerConfig> config, TuningThread thread) {
        this.device = device;
        this.detector = detector;
        this.status = status;
        this.runner = runner;
        this.config = config;
        this.slot = thread.slot("drift check");
    }

    /** Checks once; completes with whether it asked for a retune. */
    CompletableFuture<Boolean> check() {
        return slot.submit(this::checkNow);
    }

    private boolean checkNow() {
        TunerConfig cfg = config.get();
        TunerState state = status.get();
        if (cfg.retune().driftThreshold().isEmpty() || runner.busy() || state.pinned().isPresent()
                || state.last().isEmpty()
                || !detector.current().map(state.last().get().environment()::equals).orElse(false)) {
            return false;
        }
        TuningOutcome outcome = state.last().get();
        Measurement check = device.measure(SessionRequests.workload(cfg.workload(), outcome.environment()));
        Measurement baseline = outcome.verified();
        double latencyError = relativeError(baseline.latency(), check.latency());
        double energyError = check.hasEnergy() && baseline.hasEnergy() ? relativeError(baseline.energy(), check.energy())
                : 0;
        double threshold = cfg.retune().driftThreshold().getAsDouble();
        if (Math.max(latencyError, energyError) <= threshold) {
            LOG.debug("drift check on {}: within {} (latency {}, energy {})", outcome.environment(), threshold,
                    latencyError, energyError);
            return false;
        }
        String reason = String.format(Locale.ROOT,
                "drift: measured %.4f s / %.4g where verification measured %.4f s / %.4g (more than %.0f%% apart)",
                check.latency(), check.energy(), baseline.latency(), baseline.energy(), 100 * threshold);
        runner.tune(outcome.environment(), reason, false);
        return true;
    }

    /** |measured - reference| / measured. */
    static double relativeError(double reference, double measured) {
        return Math.abs(reference - measured) / measured;
    }
}
