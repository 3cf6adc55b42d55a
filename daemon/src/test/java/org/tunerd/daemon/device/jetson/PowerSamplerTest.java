package org.tunerd.daemon.device.jetson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.device.DeviceException;

class PowerSamplerTest {

    @Test
    void recordingCoversTheWholeWindow() throws InterruptedException {
        try (PowerSampler sampler = new PowerSampler(() -> 4.5, Duration.ofMillis(1), System::nanoTime)) {
            long start = System.nanoTime();
            PowerSampler.Recording rec = sampler.start();
            long from = System.nanoTime();
            Thread.sleep(20);
            long to = System.nanoTime();
            PowerTrace trace = rec.stop();
            assertTrue(trace.samples().size() >= 2, "a sample at start and at stop");
            assertTrue(trace.samples().get(0).nanos() >= start && trace.samples().get(0).nanos() <= from);
            assertTrue(trace.samples().get(trace.samples().size() - 1).nanos() >= to);
            // constant power: energy is power times the window, whatever the number of samples
            assertEquals(4.5 * (to - from) * 1e-9, trace.joules(from, to), 1e-12);
            for (int i = 1; i < trace.samples().size(); i++) {
                assertTrue(trace.samples().get(i).nanos() >= trace.samples().get(i - 1).nanos());
            }
        }
    }

    @Test
    void failedReadingsAreCountedAndLeftOut() {
        AtomicInteger calls = new AtomicInteger();
        PowerSource flaky = () -> {
            if (calls.incrementAndGet() % 2 == 0) {
                throw new DeviceException("cannot read in_power0_input");
            }
            return 2.0;
        };
        try (PowerSampler sampler = new PowerSampler(flaky, Duration.ofHours(1), System::nanoTime)) {
            PowerTrace trace = sampler.start().stop();
            // start sample ok, stop sample fails
            assertEquals(1, trace.samples().size());
            assertEquals(1, trace.failed());
            assertEquals(2.0, trace.samples().get(0).watts());
        }
    }
}
