package org.tunerd.tests.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh {@link KafkaBroker} for one test class, started before its first test and stopped after its
 * last (a test may stop and restart it in between):
 * <pre>
 * &#64;RegisterExtension
 * static final KafkaBrokerExtension broker = new KafkaBrokerExtension();
 * </pre>
 */
final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.startNew();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** {@code 127.0.0.1:<port>}; the port stays the same across {@link #stop()} and {@link #start()}. */
    String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** Takes the broker away (a clean shutdown), keeping its port and data. */
    void stop() {
        running().stop();
    }

    /** Takes the broker away with SIGKILL, keeping its port and data (as far as a killed broker keeps them). */
    void kill() {
        running().kill();
    }

    /** Brings the broker back on the same port with its data; returns once it is ready. */
    void start() {
        running().start();
    }

    private KafkaBroker running() {
        if (broker == null) {
            throw new IllegalStateException("the broker exists only while the test class runs (register the "
                    + "extension on a static field)");
        }
        return broker;
    }
}
