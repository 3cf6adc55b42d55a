package org.tunerd.daemon.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tunerd.models.space.Budget;
import org.tunerd.daemon.config.ConfigLoader;
import org.tunerd.daemon.config.HttpSettings;
import org.tunerd.daemon.config.PolicySettings;
import org.tunerd.daemon.config.StoreSettings;
import org.tunerd.daemon.config.TunerConfig;
import org.tunerd.daemon.config.WorkloadSettings;
import org.tunerd.daemon.device.sim.SimulatedDevice;
import org.tunerd.daemon.tuning.TuningListener;
import org.tunerd.daemon.tuning.TuningOutcome;

/**
 * {@code GET /metrics} of a running daemon after a tuning session: tunerd's own metrics, the JVM's and the
 * process's, in a format {@code promtool check metrics} (Prometheus's own linter) accepts.
 */
class LiveMetricsTest {

    @TempDir
    Path dir;

    @Test
    void liveMetricsPassPromtoolAndShowTheBoardTheJvmAndTheSession() throws Exception {
        TunerConfig base = new ConfigLoader().defaults();
        TunerConfig config = new TunerConfig("metrics-test", base.device(),
                new WorkloadSettings("xception", 224, 224, Map.of(), Optional.empty(), 0, 1, Duration.ZERO, Optional.empty()),
                new PolicySettings(base.policy().objective(), "lms", "rt", Budget.ofCount(8), base.policy().constraints()),
                base.retune(), base.kafka(), new HttpSettings(true, "127.0.0.1", 0, Optional.empty(), Optional.empty()),
                StoreSettings.under(dir.resolve("state"), base.store().similarity()));
        List<TuningOutcome> finished = new CopyOnWriteArrayList<>();
        SimulatedDevice device = SimulatedDevice.tx2(3);
        String body;
        try (Daemon daemon = Daemon.start(config, Optional.empty(), device, new TuningListener() {
            @Override
            public void finished(TuningOutcome outcome) {
                finished.add(outcome);
            }
        })) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !finished.isEmpty());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + daemon.httpPort().orElseThrow() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            body = r.body();
            double cores = device.current().get("cores");
            assertTrue(body.contains("tunerd_cpu_online_cores " + cores + "\n"), body);
            double cpuHz = device.current().get("cpu_freq") * 1000;
            assertTrue(body.lines().anyMatch(l -> l.startsWith("tunerd_cpu_frequency_hertz ")
                    && Double.parseDouble(l.split(" ")[1]) == cpuHz), body);
        }
        assertTrue(body.contains("tunerd_session_duration_seconds_count{outcome=\"verified\"} 1"), body);
        assertTrue(body.contains("tunerd_samples_total "), body);
        assertTrue(body.contains("tunerd_event_backlog_bytes 0"), "no Kafka, no backlog: " + body);
        assertTrue(body.contains("tunerd_event_delivery_errors_total 0"), body);
        assertTrue(body.contains("tunerd_event_backlog_events 0"), "no Kafka, no backlog: " + body);
        assertTrue(body.contains("tunerd_event_delivery_stuck 0"), body);
        assertTrue(body.contains("jvm_memory_used_bytes{area=\"heap\"}"), "JVM metrics: " + body);
        assertTrue(body.contains("process_cpu_seconds_total"), "process metrics: " + body);
        assertTrue(body.contains("tunerd_build_info{version="), body);
        // the simulated board integrates power in watts over seconds: its energy is in joules, and only then is
        // a metric named _joules (TunerMetricsTest covers data in other units)
        assertTrue(body.contains("tunerd_measured_energy_joules "), "the simulator measures joules: " + body);

        Optional<Path> promtool = promtool();
        assumeTrue(promtool.isPresent(), "promtool not installed (Debian package prometheus): lint skipped");
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, body, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(promtool.get().toString(), "check", "metrics")
                .redirectInput(file.toFile()).redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), "promtool check metrics:\n" + report);
        assertEquals("", report.trim(), "promtool reported lint problems");
    }

    private static Optional<Path> promtool() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "promtool");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
