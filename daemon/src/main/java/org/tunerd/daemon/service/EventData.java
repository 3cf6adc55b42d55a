package org.tunerd.daemon.service;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tunerd.daemon.tuning.Performance;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.Environment;

/** Builds the JSON-ready data of events: plain maps of strings, numbers and nested maps. */
final class EventData {

    private EventData() {
    }

    static Map<String, Object> environment(Environment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("hardware", e.hardware());
        m.put("dnn", e.dnn());
        m.put("width", e.width());
        m.put("height", e.height());
        m.put("attributes", e.attributes());
        return m;
    }

    static Map<String, Double> configuration(Configuration c) {
        return c.values();
    }

    static Map<String, Object> performance(Performance p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("latency", p.latency());
        d.put("energy", p.energy());
        return d;
    }

    /** A map from alternating keys and values, keeping their order. */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
