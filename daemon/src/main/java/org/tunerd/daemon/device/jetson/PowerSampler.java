package org.tunerd.daemon.device.jetson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a {@link PowerSource} on a fixed period in a background thread. A recording takes one sample when
 * it starts and one when it stops, so the trace always covers the window between the two.
 */
public final class PowerSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PowerSampler.class);

    private final PowerSource source;
    private final Duration period;
    private final LongSupplier clock;
    private final ScheduledExecutorService executor;

    /**
     * @param source what to sample
     * @param period time between samples (10 ms as in the study)
     * @param clock  nanosecond clock stamping the samples ({@code System::nanoTime} on a board)
     */
    public PowerSampler(PowerSource source, Duration period, LongSupplier clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.period = Objects.requireNonNull(period, "period");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("power sample period must be positive, got " + period);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tunerd-power-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling now. */
    public Recording start() {
        return new Recording();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One sampling window; {@link #stop()} ends it. */
    public final class Recording {
        private final List<PowerTrace.Sample> samples = new ArrayList<>();
        private int failed;
        private String firstError;
        private final ScheduledFuture<?> task;

        private Recording() {
            sample();
            long nanos = period.toNanos();
            task = executor.scheduleAtFixedRate(this::sample, nanos, nanos, TimeUnit.NANOSECONDS);
        }

        private void sample() {
            try {
                double watts = source.watts();
                long now = clock.getAsLong();
                synchronized (this) {
                    samples.add(new PowerTrace.Sample(now, watts));
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    failed++;
                    if (firstError == null) {
                        firstError = e.getMessage();
                    }
                }
            }
        }

        /** Stops sampling, takes a last sample and returns the trace. */
        public PowerTrace stop() {
            task.cancel(false);
            sample();
            synchronized (this) {
                if (failed > 0) {
                    LOG.warn("{} of {} power readings failed (first: {})", failed, failed + samples.size(), firstError);
                }
                return new PowerTrace(samples, failed);
            }
        }
    }
}
