package org.tunerd.daemon.store;

import static org.tunerd.daemon.store.JsonFields.array;
import static org.tunerd.daemon.store.JsonFields.integer;
import static org.tunerd.daemon.store.JsonFields.number;
import static org.tunerd.daemon.store.JsonFields.object;
import static org.tunerd.daemon.store.JsonFields.stringMap;
import static org.tunerd.daemon.store.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.Metric;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;
import org.tunerd.models.space.Option;
import org.tunerd.models.space.OptionKind;

/**
 * The project's one JSON form of each model value: environments, spaces, configurations, measurements and
 * influence terms. The store ({@link StoredModelJson}), the session checkpoint, the remembered environment,
 * the HTTP API, the events and fleet sharing all write these shapes through this class. Readers are strict:
 * a missing or mistyped field fails with a {@link StoreFormatException} naming its path.
 *
 * <pre>
 * environment   {"id": "tx2_xception_224x224", "hardware": "TX2", "dnn": "xception", "width": 224,
 *                "height": 224, "attributes": {}}                 id: derived, ignored when read
 * space         {"options": [{"name": "cores", "kind": "ordinal", "values": [1,2,3,4], "labels": []}, ...]}
 *               a listed space adds "configurations": [{configuration}, ...] (absent = the product)
 * configuration {"cores": 4, "cpu_freq": 2035200, "gpu_freq": 1300500000}   whole values as integers
 * by label      {"cores": 4, ..., "precision": "fp16"}   categorical options by label, not code (the pin file;
 *               a pin asked for over HTTP or Kafka may give a code instead of a label)
 * measurement   {"configuration": {...}, "latency": 0.41, "energy": 3.2}      energy null = not measured
 * influence     {"metric": "energy", "options": ["cores", "gpu_freq"], "coefficient": -0.12}
 * energy unit   {"symbol": "J", "description": "joules"}   a stored model's "energyUnit"; absent = not recorded
 * </pre>
 *
 * Option values that are whole numbers (every value a Jetson board offers) are written as JSON integers,
 * others as decimals; readers take either. Attributes are written sorted by name.
 *
 * <p>About 400 lines on purpose: each value's writer stands beside its reader, so the one form cannot drift
 * between the two directions or between the places that use it.
 */
public final class ModelJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** 2^53: every whole number up to it is exactly a double. */
    private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992.0;

    private ModelJson() {
    }

    // ---- writing ----

    public static ObjectNode environment(Environment e) {
        ObjectNode n = F.objectNode();
        n.put("id", e.id());
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
            o.values().forEach(v -> values.add(optionValue(v)));
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
        c.values().forEach((option, value) -> n.set(option, optionValue(value)));
        return n;
    }

    /**
     * {@code c} with each categorical option of {@code space} by its label ({@code "precision": "fp16"}), so that
     * it keeps its meaning when the option's values are reordered; other options as {@link #configuration}.
     *
     * @throws IllegalArgumentException if a categorical value is not one the space offers (it has no label)
     */
    public static ObjectNode configurationByLabel(ConfigurationSpace space, Configuration c) {
        ObjectNode n = F.objectNode();
        c.values().forEach((option, value) -> {
            Option o = space.option(option).orElse(null);
            if (o != null && o.kind() == OptionKind.CATEGORICAL) {
                if (!o.offers(value)) {
                    throw new IllegalArgumentException("option '" + option + "' has no label for code "
                            + optionValue(value) + "; labels " + o.labels());
                }
                n.put(option, o.label(value));
            } else {
                n.set(option, optionValue(value));
            }
        });
        return n;
    }

    /**
     * An option value as JSON: a whole number within the range a double holds exactly (2^53) as an
     * integer ({@code 1300500000}, not {@code 1.3005E9}), anything else as a decimal.
     */
    public static JsonNode optionValue(double v) {
        if (v != Math.rint(v) || Math.abs(v) > EXACT_INTEGER_LIMIT) {
            return F.numberNode(v);
        }
        long whole = (long) v;
        return whole == (int) whole ? F.numberNode((int) whole) : F.numberNode(whole);
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
        return inSpace(configuration(n, path), path, space);
    }

    /**
     * A configuration written by {@link #configurationByLabel}: each categorical option of {@code space} by its
     * label (a string), resolved to its code in {@code space}; other options as {@link #configuration(JsonNode,
     * String, ConfigurationSpace)}. Fails naming the option and the label if the space no longer offers it.
     */
    public static Configuration configurationByLabel(JsonNode n, String path, ConfigurationSpace space) {
        return byLabel(n, path, space, false);
    }

    /**
     * A configuration an operator asked for (the pin of {@code PUT /pin} and of the {@code configuration.pin}
     * command): as {@link #configurationByLabel(JsonNode, String, ConfigurationSpace)}, but a categorical option
     * may also be given by its code (a number, as before labels were taken). Fails naming the option, the label
     * and the labels offered for a label the space does not offer ({@code configuration.precision: option
     * 'precision' does not offer 'int4'; it offers [fp32, fp16]}), and naming the option for any other value the
     * space does not allow.
     */
    public static Configuration configurationByLabelOrCode(JsonNode n, String path, ConfigurationSpace space) {
        return byLabel(n, path, space, true);
    }

    /**
     * What a configuration written by label reads as in a space ({@link #valuesByLabel}).
     *
     * @param values    option name to value in the space's codes, in the order written; an option the space
     *                  lacks keeps its number
     * @param unmatched empty if every value has a meaning in the space; else why the first that has none does
     *                  not, naming its path: a label the option does not offer, a categorical option given as a
     *                  number (a code, whose label is not known), a label for an option that is a number or
     *                  that the space lacks
     */
    public record ByLabel(Map<String, Double> values, Optional<String> unmatched) {

        public ByLabel {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * The one reader of the by-label form, for a caller that leaves out what does not match rather than failing
     * (the profiling journal): a configuration written by {@link #configurationByLabel} read in {@code space}'s
     * codes, without checking it against the space. {@link #configurationByLabel(JsonNode, String,
     * ConfigurationSpace)} is this reader, failing with {@link ByLabel#unmatched}, then the space's check.
     *
     * @throws StoreFormatException if {@code n} is not an object or a value is neither a number nor a string
     */
    public static ByLabel valuesByLabel(JsonNode n, String path, ConfigurationSpace space) {
        return read(n, path, space, false);
    }

    private static Configuration byLabel(JsonNode n, String path, ConfigurationSpace space, boolean codes) {
        ByLabel read = read(n, path, space, codes);
        read.unmatched().ifPresent(why -> {
            throw new StoreFormatException(why);
        });
        return inSpace(new Configuration(read.values()), path, space);
    }

    /** {@link #valuesByLabel}; with {@code codes}, a categorical option may also be given by its code. */
    private static ByLabel read(JsonNode n, String path, ConfigurationSpace space, boolean codes) {
        object(n, path);
        LinkedHashMap<String, Double> values = new LinkedHashMap<>();
        String unmatched = null;
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String at = path + "." + e.getKey();
            JsonNode v = e.getValue();
            Option o = space.option(e.getKey()).orElse(null);
            String why = null;
            if (o == null) {
                if (v.isNumber()) {
                    values.put(e.getKey(), number(v, at));
                } else {
                    why = at + ": unknown option; the space has " + space.names();
                    if (!v.isTextual()) {
                        throw new StoreFormatException(why);
                    }
                }
            } else if (o.kind() != OptionKind.CATEGORICAL || codes && v.isNumber()) {
                if (v.isTextual()) {
                    why = at + ": must be a finite number, got " + v;
                } else {
                    values.put(e.getKey(), number(v, at));
                }
            } else if (!v.isTextual()) {
                why = at + ": expected one of the labels " + o.labels()
                        + (codes ? " or their codes " + codes(o) : "") + ", got " + v;
                if (!v.isNumber()) {
                    throw new StoreFormatException(why);
                }
            } else if (o.labels().contains(v.asText())) {
                values.put(e.getKey(), o.values().get(o.labels().indexOf(v.asText())));
            } else {
                why = at + ": option '" + e.getKey() + "' " + (codes ? "does not offer" : "no longer offers")
                        + " '" + v.asText() + "'; it offers " + o.labels();
            }
            unmatched = unmatched != null ? unmatched : why;
        }
        return new ByLabel(values, Optional.ofNullable(unmatched));
    }

    private static List<JsonNode> codes(Option o) {
        return o.values().stream().map(ModelJson::optionValue).toList();
    }

    /** {@code c} in the space's option order; fails naming the option if the space does not allow it. */
    private static Configuration inSpace(Configuration c, String path, ConfigurationSpace space) {
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

}
