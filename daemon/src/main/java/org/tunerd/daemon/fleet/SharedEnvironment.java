package org.tunerd.daemon.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An environment another device shared on the models topic.
 *
 * @param environmentId  the record key: the environment's id
 * @param originDeviceId the device that published it
 * @param document       the stored-environment document as published (opaque here; the model store reads it)
 * @param time           when it was published
 * @param origin         where it was read, e.g. {@code tunerd.models[0]@12}
 */
public record SharedEnvironment(String environmentId, String originDeviceId, JsonNode document, Instant time,
                                String origin) {

    public SharedEnvironment {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(originDeviceId, "originDeviceId");
        document = Objects.requireNonNull(document, "document").deepCopy();
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(origin, "origin");
    }

    /** A copy of the document. */
    @Override
    public JsonNode document() {
        return document.deepCopy();
    }
}
