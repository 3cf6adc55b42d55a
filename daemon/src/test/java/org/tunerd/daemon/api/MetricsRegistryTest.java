package org.tunerd.daemon.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tunerd.models.data.EnergyUnit;

class MetricsRegistryTest {

    @Test
    void rendersThePrometheusTextFormat() {
        MetricsRegistry r = new MetricsRegistry();
        MetricsRegistry.Counter c = r.counter("b_total", "Things\ncounted.");
        MetricsRegistry.Gauge g = r.gauge("a_seconds", "A gauge.");
        c.inc();
        c.add(2.5);
        assertEquals("""
                # HELP a_seconds A gauge.
                # TYPE a_seconds gauge
                a_seconds NaN
                # HELP b_total Things\\ncounted.
                # TYPE b_total counter
                b_total 3.5
                """, r.render());
        g.set(Double.POSITIVE_INFINITY);
        assertEquals("a_seconds +Inf", r.render().lines().skip(2).findFirst().orElseThrow());
        assertSame(c, r.counter("b_total", "again"));
        assertThrows(IllegalArgumentException.class, () -> r.gauge("b_total", "clash"));
        assertThrows(IllegalArgumentException.class, () -> r.counter("bad-name", "x"));
        assertThrows(IllegalArgumentException.class, () -> c.add(-1));
    }

    @Test
    void bearerTokens() {
        BearerAuth auth = new BearerAuth(Optional.of("0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.ALLOWED, auth.check("Bearer 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.ALLOWED, auth.check("bearer 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check("Bearer 0123456789abcde"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check("Basic 0123456789abcdef"));
        assertEquals(BearerAuth.Verdict.UNAUTHORIZED, auth.check(null));
        assertEquals(BearerAuth.Verdict.NO_TOKEN_CONFIGURED, new BearerAuth(Optional.empty()).check("Bearer x"));
    }

    @Test
    void energyMetricsClaimJoulesOnlyForJoules() {
        String joules = new TunerMetrics(new MetricsRegistry(), EnergyUnit.JOULES).registry().render();
        assertTrue(joules.contains("tunerd_measured_energy_joules "), joules);
        String data = new TunerMetrics(new MetricsRegistry(), EnergyUnit.ofData("power_consumption as recorded"))
                .registry().render();
        assertFalse(data.contains("joules"), data);
        assertTrue(data.contains("# HELP tunerd_measured_energy Last measured energy per inference of the current "
                + "configuration. In units of the data (power_consumption as recorded)."), data);
    }
}
