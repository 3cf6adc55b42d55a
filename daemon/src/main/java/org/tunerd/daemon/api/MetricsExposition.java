package org.tunerd.daemon.api;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders a registry for {@code GET /metrics}: the Prometheus text format (0.0.4), or OpenMetrics when the
 * scraper's {@code Accept} header asks for it.
 */
final class MetricsExposition {

    /** A rendered scrape: body and its content type. */
    record Scrape(String contentType, byte[] body) {
    }

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsExposition(PrometheusRegistry registry) {
        this.registry = registry;
    }

    Scrape scrape(String acceptHeader) {
        ExpositionFormatWriter writer = formats.findWriter(acceptHeader);
        if (!writer.isAvailable()) { // protobuf is not on the class path: fall back to text
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }
}
