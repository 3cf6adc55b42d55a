package org.tunerd.daemon.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * The project's JSON forms of environments, spaces, configurations, measurements and stored models.
 * Shared by the store, the HTTP API and fleet sharing so every place writes the same shapes. Readers are
 * strict: a missing or mistyped field fails with a {@link StoreFormatException} naming its path.
 *
 * <pre>
 * environment   {"hardware": "TX2", "dnn": "xception", "width": 224, "height": 224, "attributes": {}}
 * space         {"options": [{"name": "cores", "kind": "ordinal", "values": [1,2,3,4], "labels": []}, ...]}
 *               a listed space adds "configurations": [{configuration}, ...] (absent = the product)
 * configuration {"cores": 4, "cpu_freq": 2035200, ...}
 * measurement   {"configuration": {...}, "latency": 0.41, "energy": 3.2}      energy null = not measured
 * influence     {"metric": "energy", "options": ["cores", "gpu_freq"], "coefficient": -0.12}
 * energy unit   {"symbol": "J", "description": "joules"}   a stored model's "energyUnit"; absent = not recorded
 * </pre>
 */
public final class ModelJson {

    /** Version of the stored-model document written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ModelJson() {
    }

    // ---- writing ----

    public static ObjectNode environment(Environment e) {
        ObjectNode n = F.objectNode();
        n.put("hardware", e.hardware());
        n.put("dnn", e.dnn());
        n.put("width", e.width());
        n.put("height", e.height());
        ObjectNode attrs = n.putObject("attributes");
        new java.util.TreeMap<>(e.attributes()).forEach(attrs::put);
        return n;
    }

    public static ObjectNode space(ConfigurationSpace space) {
        ObjectNode n = F.objectNode();
        ArrayNode options = n.putArray("options");
        for (Option o : space.options()) {
            ObjectNode on = options.addObject();
            on.put("name", o.name());
            on.put("kind", o.kind().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode values = on.putArray("values");
            o.values().forEach(values::add);
            ArrayNode labels = on.putArray("labels");
            o.labels().forEach(labels::add);
        }
        if (space.isListed()) {
            ArrayNode configurations = n.putArray("configurations");
            space.configurations().forEach(c -> configurations.add(configuration(c)));
        }
        return n;
    }

    public static ObjectNode energyUnit(EnergyUnit unit) {
        ObjectNode n = F.objectNode();
        n.put("symbol", unit.symbol());
        n.put("description", unit.description());
        return n;
    }

    public static ObjectNode configuration(Configuration c) {
        ObjectNode n = F.objectNode();
        c.values().forEach(n::put);
        return n;
    }

    public static ObjectNode measurement(Measurement m) {
        ObjectNode n = F.objectNode();
        n.set("configuration", configuration(m.configuration()));
        n.put("latency", m.latency());
        if (m.hasEnergy()) {
            n.put("energy", m.energy());
        } else {
            n.putNull("energy");
        }
        return n;
    }

    public static ObjectNode influence(InfluenceTerm t) {
        ObjectNode n = F.objectNode();
        n.put("metric", t.metric().key());
        ArrayNode options = n.putArray("options");
        t.options().forEach(options::add);
        n.put("coefficient", t.coefficient());
        return n;
    }

    /** A whole stored model with its {@code formatVersion}. */
    public static ObjectNode storedModel(StoredModel m) {
        ObjectNode n = F.objectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("id", m.id());
        n.set("environment", environment(m.environment()));
        n.set("space", space(m.space()));
        n.set("energyUnit", energyUnit(m.data().energyUnit()));
        ArrayNode ms = n.putArray("measurements");
        m.data().measurements().forEach(x -> ms.add(measurement(x)));
        ArrayNode inf = n.putArray("influence");
        m.influence().forEach(t -> inf.add(influence(t)));
        ObjectNode settings = n.putObject("settings");
        new java.util.TreeMap<>(m.settings()).forEach(settings::put);
        n.put("created", m.created().toString());
        n.put("updated", m.updated().toString());
        return n;
    }

    // ---- reading ----

    public static Environment environment(JsonNode n, String path) {
        object(n, path);
        try {
            return new Environment(text(n, "hardware", path), text(n, "dnn", path), integer(n, "width", path),
                    integer(n, "height", path), stringMap(n.get("attributes"), path + ".attributes"));
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(path + ": " + e.getMessage());
        }
    }

    public static ConfigurationSpace space(JsonNode n, String path) {
        object(n, path);
        JsonNode options = n.get("options");
        if (options == null || !options.isArray() || options.isEmpty()) {
            throw new StoreFormatException(path + ".options: must be a non-empty list, got " + options);
        }
        List<Option> list = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String p = path + ".options[" + i + "]";
            JsonNode o = options.get(i);
            object(o, p);
            String kindText = text(o, "kind", p);
            OptionKind kind;
            try {
                kind = OptionKind.valueOf(kindText.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException(p + ".kind: must be binary, ordinal or categorical, got '" + kindText + "'");
            }
            List<Double> values = new ArrayList<>();
            JsonNode vs = array(o, "values", p);
            for (int j = 0; j < vs.size(); j++) {
                values.add(number(vs.get(j), p + ".values[" + j + "]"));
            }
            List<String> labels = new ArrayList<>();
            JsonNode ls = o.has("labels") ? array(o, "labels", p) : F.arrayNode();
            ls.forEach(l -> labels.add(l.asText()));
            try {
                list.add(new Option(text(o, "name", p), kind, values, labels));
            } catch (IllegalArgumentException e) {
                throw new StoreFormatException(p + ": " + e.getMessage());
            }
        }
        try {
            if (!n.has("configurations")) {
                return new ConfigurationSpace(list);
            }
            JsonNode cs = array(n, "configurations", path);
            List<Configuration> listed = new ArrayList<>(cs.size());
            for (int i = 0; i < cs.size(); i++) {
                listed.add(configuration(cs.get(i), path + ".configurations[" + i + "]"));
            }
            return ConfigurationSpace.listed(list, listed);
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(path + ": " + e.getMessage());
        }
    }

    /** An energy unit; {@link EnergyUnit#UNSPECIFIED} when {@code n} is absent (a store written before units). */
    public static EnergyUnit energyUnit(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return EnergyUnit.UNSPECIFIED;
        }
        object(n, path);
        try {
            return new EnergyUnit(text(n, "symbol", path), text(n, "description", path));
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(path + ": " + e.getMessage());
        }
    }

    public static Configuration configuration(JsonNode n, String path) {
        object(n, path);
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        n.properties().forEach(e -> values.put(e.getKey(), number(e.getValue(), path + "." + e.getKey())));
        return new Configuration(values);
    }

    /** A configuration in the space's option order; fails naming the option if the space does not allow it. */
    public static Configuration configuration(JsonNode n, String path, ConfigurationSpace space) {
        Configuration c = configuration(n, path);
        LinkedHashMap<String, Double> ordered = new LinkedHashMap<>();
        for (String name : space.names()) {
            if (c.has(name)) {
                ordered.put(name, c.get(name));
            }
        }
        c.values().keySet().stream().filter(k -> !ordered.containsKey(k)).findFirst().ifPresent(k -> {
            throw new StoreFormatException(path + "." + k + ": unknown option; the space has " + space.names());
        });
        Configuration inOrder = new Configuration(ordered);
        space.violation(inOrder).ifPresent(why -> {
            throw new StoreFormatException(path + ": " + why);
        });
        return inOrder;
    }

    public static Measurement measurement(JsonNode n, String path, ConfigurationSpace space) {
        object(n, path);
        Configuration c = configuration(n.get("configuration"), path + ".configuration", space);
        double latency = number(n.get("latency"), path + ".latency");
        JsonNode e = n.get("energy");
        double energy = e == null || e.isNull() ? Double.NaN : number(e, path + ".energy");
        try {
            return new Measurement(c, latency, energy);
        } catch (IllegalArgumentException ex) {
            throw new StoreFormatException(path + ": " + ex.getMessage());
        }
    }

    public static InfluenceTerm influence(JsonNode n, String path) {
        object(n, path);
        Metric metric;
        try {
            metric = Metric.parse(text(n, "metric", path));
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(path + ".metric: " + e.getMessage());
        }
        List<String> options = new ArrayList<>();
        array(n, "options", path).forEach(o -> options.add(o.asText()));
        double coefficient = number(n.get("coefficient"), path + ".coefficient");
        return new InfluenceTerm(metric, options, coefficient);
    }

    /** A stored model; checks {@code formatVersion} first. */
    public static StoredModel storedModel(JsonNode n, String path) {
        object(n, path);
        JsonNode version = n.get("formatVersion");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new StoreFormatException(prefix(path) + "formatVersion: missing or not an integer, got " + version);
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new StoreFormatException(prefix(path) + "formatVersion: unsupported version " + version.asInt()
                    + " (this tunerd reads " + FORMAT_VERSION + ")");
        }
        Environment env = environment(n.get("environment"), prefix(path) + "environment");
        ConfigurationSpace space = space(n.get("space"), prefix(path) + "space");
        List<Measurement> ms = new ArrayList<>();
        JsonNode list = array(n, "measurements", path);
        for (int i = 0; i < list.size(); i++) {
            ms.add(measurement(list.get(i), prefix(path) + "measurements[" + i + "]", space));
        }
        EnergyUnit unit = energyUnit(n.get("energyUnit"), prefix(path) + "energyUnit");
        MeasurementSet data;
        try {
            data = new MeasurementSet(env, space, ms, unit);
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(prefix(path) + "measurements: " + e.getMessage());
        }
        List<InfluenceTerm> influence = new ArrayList<>();
        JsonNode inf = n.has("influence") ? array(n, "influence", path) : F.arrayNode();
        for (int i = 0; i < inf.size(); i++) {
            influence.add(influence(inf.get(i), prefix(path) + "influence[" + i + "]"));
        }
        Map<String, String> settings = stringMap(n.get("settings"), prefix(path) + "settings");
        return new StoredModel(data, influence, settings, instant(n, "created", path), instant(n, "updated", path));
    }

    // ---- helpers ----

    static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    static void object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new StoreFormatException((path.isEmpty() ? "(document)" : path) + ": must be an object, got " + n);
        }
    }

    static JsonNode array(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new StoreFormatException(prefix(path) + field + ": must be a list, got " + v);
        }
        return v;
    }

    static String text(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new StoreFormatException(prefix(path) + field + ": must be a non-empty text, got " + v);
        }
        return v.asText();
    }

    static int integer(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new StoreFormatException(prefix(path) + field + ": must be an integer, got " + v);
        }
        return v.asInt();
    }

    static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new StoreFormatException(path + ": must be a finite number, got " + v);
        }
        return v.doubleValue();
    }

    static Instant instant(JsonNode n, String field, String path) {
        String t = text(n, field, path);
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new StoreFormatException(prefix(path) + field + ": must be an ISO-8601 instant, got '" + t + "'");
        }
    }

    static Map<String, String> stringMap(JsonNode n, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new StoreFormatException(path + ": must be an object of texts, got " + n);
        }
        n.properties().forEach(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new StoreFormatException(path + "." + e.getKey() + ": must be a text, got " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
