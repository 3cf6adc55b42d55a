package org.tunerd.tests.kafka;

import java.util.UUID;

/** Command records as an operator would send them: structured CloudEvents with a fresh id. */
final class Commands {

    private Commands() {
    }

    /** A command of {@code type} whose {@code data} is the given JSON text. */
    static String cloudEvent(String type, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"urn:test:ops\","
                + "\"type\":\"" + type + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}";
    }
}
