package org.tunerd.daemon.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tunerd.daemon.kafka.KafkaClientSettings;

/**
 * Makes sure the models topic exists with {@code cleanup.policy=compact}: creates it if needed, warns if an
 * existing one is not compacted, and retries (with backoff up to 10 s) while the broker cannot be reached.
 */
final class CompactedTopic implements FleetShare.TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopic.class);

    private final KafkaClientSettings settings;

    CompactedTopic(KafkaClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void ensure(String topic, BooleanSupplier running) throws InterruptedException {
        long backoff = 500;
        while (running.getAsBoolean()) {
            try (Admin admin = Admin.create(settings.admin("models-admin"))) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
                            .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
                    LOG.info("fleet: created compacted topic {}", topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    checkCompacted(admin, topic);
                }
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
                Throwable c = e instanceof ExecutionException ? e.getCause() : e;
                LOG.warn("fleet: cannot make sure topic {} exists ({}); retrying", topic, c.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(10_000, backoff * 2);
            }
        }
        throw new InterruptedException("closed");
    }

    private static void checkCompacted(Admin admin, String topic) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(res)).all().get(30, TimeUnit.SECONDS).get(res);
        String policy = config.get("cleanup.policy") == null ? "" : config.get("cleanup.policy").value();
        if (!policy.contains("compact")) {
            LOG.warn("fleet: topic {} has cleanup.policy={}, not compact: old environments will expire", topic, policy);
        }
    }
}
