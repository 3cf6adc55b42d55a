package org.tunerd.daemon.store;

import static org.tunerd.daemon.store.JsonFields.array;
import static org.tunerd.daemon.store.JsonFields.instant;
import static org.tunerd.daemon.store.JsonFields.object;
import static org.tunerd.daemon.store.JsonFields.prefix;
import static org.tunerd.daemon.store.JsonFields.stringMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tunerd.models.data.EnergyUnit;
import org.tunerd.models.data.Measurement;
import org.tunerd.models.data.MeasurementSet;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Environment;

/**
 * The stored-environment document: what the model store keeps per environment and what fleet sharing
 * publishes, built from the {@link ModelJson} forms.
 *
 * <pre>
 * {"formatVersion": 1, "id": "tx2_xception_224x224", "environment": {...}, "space": {...}, "energyUnit": {...},
 *  "measurements": [{...}, ...], "influence": [{...}, ...], "settings": {"learner": "rf", ...},
 *  "created": "2026-11-22T00:10:54Z", "updated": "2026-11-22T00:12:01Z"}
 * </pre>
 */
public final class StoredModelJson {

    /** Version of the stored-model document written by this code. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private StoredModelJson() {
    }

    /** A whole stored model with its {@code formatVersion}. */
    public static ObjectNode write(StoredModel m) {
        ObjectNode n = F.objectNode();
        n.put("formatVersion", FORMAT_VERSION);
        n.put("id", m.id());
        n.set("environment", ModelJson.environment(m.environment()));
        n.set("space", ModelJson.space(m.space()));
        n.set("energyUnit", ModelJson.energyUnit(m.data().energyUnit()));
        ArrayNode ms = n.putArray("measurements");
        m.data().measurements().forEach(x -> ms.add(ModelJson.measurement(x)));
        ArrayNode inf = n.putArray("influence");
        m.influence().forEach(t -> inf.add(ModelJson.influence(t)));
        ObjectNode settings = n.putObject("settings");
        new java.util.TreeMap<>(m.settings()).forEach(settings::put);
        n.put("created", m.created().toString());
        n.put("updated", m.updated().toString());
        return n;
    }

    /** A stored model; checks {@code formatVersion} first. */
    public static StoredModel read(JsonNode n, String path) {
        object(n, path);
        JsonNode version = n.get("formatVersion");
        if (version == null || !version.canConvertToExactIntegral()) {
            throw new StoreFormatException(prefix(path) + "formatVersion: missing or not an integer, got " + version);
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new StoreFormatException(prefix(path) + "formatVersion: unsupported version " + version.asInt()
                    + " (this tunerd reads " + FORMAT_VERSION + ")");
        }
        Environment env = ModelJson.environment(n.get("environment"), prefix(path) + "environment");
        ConfigurationSpace space = ModelJson.space(n.get("space"), prefix(path) + "space");
        List<Measurement> ms = new ArrayList<>();
        JsonNode list = array(n, "measurements", path);
        for (int i = 0; i < list.size(); i++) {
            ms.add(ModelJson.measurement(list.get(i), prefix(path) + "measurements[" + i + "]", space));
        }
        EnergyUnit unit = ModelJson.energyUnit(n.get("energyUnit"), prefix(path) + "energyUnit");
        MeasurementSet data;
        try {
            data = new MeasurementSet(env, space, ms, unit);
        } catch (IllegalArgumentException e) {
            throw new StoreFormatException(prefix(path) + "measurements: " + e.getMessage());
        }
        List<InfluenceTerm> influence = new ArrayList<>();
        JsonNode inf = n.has("influence") ? array(n, "influence", path) : F.arrayNode();
        for (int i = 0; i < inf.size(); i++) {
            influence.add(ModelJson.influence(inf.get(i), prefix(path) + "influence[" + i + "]"));
        }
        Map<String, String> settings = stringMap(n.get("settings"), prefix(path) + "settings");
        return new StoredModel(data, influence, settings, instant(n, "created", path), instant(n, "updated", path));
    }
}
