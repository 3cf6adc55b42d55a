package org.tunerd.daemon.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.daemon.events.DeliveryStatus;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

class TunerMetricsTest {

    private static String render(EnergyUnit unit) {
        TunerMetrics metrics = new TunerMetrics(new PrometheusRegistry(), unit);
        metrics.measured(new Performance(0.5, 2.0));
        return new String(new MetricsExposition(metrics.registry()).scrape("text/plain").body(), StandardCharsets.UTF_8);
    }

    @Test
    void energyMetricsClaimJoulesOnlyForJoules() {
        String joules = render(EnergyUnit.JOULES);
        assertTrue(joules.contains("tunerd_measured_energy_joules 2.0"), joules);
        String data = render(EnergyUnit.ofData("power_consumption as recorded"));
        assertFalse(data.contains("joules"), data);
        assertTrue(data.contains("# HELP tunerd_measured_energy Last measured energy per inference of the current "
                + "configuration. In units of the data (power_consumption as recorded)."), data);
    }

    @Test
    void theEventBacklogIsCountedInEventsAndAStuckDeliveryIsOne() {
        TunerMetrics metrics = new TunerMetrics(new PrometheusRegistry(), EnergyUnit.JOULES);
        DeliveryStatus stuck = new DeliveryStatus(true, 40, 40, 0, 5_120, 17, Optional.of("broker down"), 0, 0, 9,
                Optional.of(Duration.ofMinutes(4)), true);
        metrics.observeEvents(() -> stuck, () -> 9);
        String body = new String(new MetricsExposition(metrics.registry()).scrape("text/plain").body(),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("tunerd_event_backlog_events 17.0"), body);
        assertTrue(body.contains("tunerd_event_backlog_bytes 5120.0"), body);
        assertTrue(body.contains("tunerd_event_delivery_stuck 1.0"), body);
        assertTrue(body.contains("tunerd_event_delivery_failing 1.0"), body);
    }

    @Test
    void aCategoricalSoftwareOptionIsExposedByItsLabelBesideItsCode() {
        TunerMetrics metrics = new TunerMetrics(new PrometheusRegistry(), EnergyUnit.JOULES);
        ConfigurationSpace space = new ConfigurationSpace(List.of(Option.ordinal("cores", List.of(1.0, 2.0)),
                Option.ordinal("batch_size", List.of(1.0, 8.0)), Option.categorical("precision", List.of("fp32", "fp16"))));
        metrics.observeConfiguration(() -> Optional.of(Configuration.of("cores", 2, "batch_size", 8, "precision", 1)),
                space);
        String body = new String(new MetricsExposition(metrics.registry()).scrape("text/plain").body(),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("tunerd_configuration_option{option=\"precision\"} 1.0"), "code kept: " + body);
        assertTrue(body.contains("tunerd_configuration_software_info{option=\"precision\",value=\"fp16\"} 1"),
                body);
        assertFalse(body.contains("value=\"8"), "numbers are not labels: " + body);
    }
}
