package org.tunerd.daemon.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * The {@code id} and {@code type} of a CloudEvent read from the start of its JSON, without parsing the rest:
 * for naming a journal line that cannot be read whole (too long, or broken after its head).
 *
 * @param id   the top-level {@code id}, if it appears in the bytes given
 * @param type the top-level {@code type}, if it appears in the bytes given
 */
record CloudEventHead(Optional<String> id, Optional<String> type) {

    /** Reads top-level {@code id} and {@code type} from {@code bytes}, stopping at the first problem. */
    static CloudEventHead of(byte[] bytes) {
        String id = null;
        String type = null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new CloudEventHead(Optional.empty(), Optional.empty());
            }
            while ((id == null || type == null) && p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && "id".equals(name)) {
                    id = p.getText();
                } else if (value == JsonToken.VALUE_STRING && "type".equals(name)) {
                    type = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the bytes end (or break) before both were found: keep what was read
        }
        return new CloudEventHead(Optional.ofNullable(id), Optional.ofNullable(type));
    }
}
