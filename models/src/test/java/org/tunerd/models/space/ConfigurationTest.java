package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A configuration's values: an unmodifiable map equal to, and hashing as, any map of the same entries. */
class ConfigurationTest {

    @Test
    void hashesAndComparesAsAnyMapOfTheSameEntriesInAnyOrder() {
        Configuration c = Configuration.of("cores", 4, "gpu_freq", 1.3e9, "turbo", 0);
        Configuration reordered = Configuration.of("turbo", 0, "cores", 4, "gpu_freq", 1.3e9);
        Map<String, Double> plain = new HashMap<>(Map.of("cores", 4.0, "gpu_freq", 1.3e9, "turbo", 0.0));
        for (int twice = 0; twice < 2; twice++) { // computed, then kept
            assertEquals(plain.hashCode(), c.values().hashCode());
            assertEquals(c, reordered);
            assertEquals(c.hashCode(), reordered.hashCode());
            assertEquals(plain, c.values());
            assertEquals(c.values(), plain);
        }
        assertEquals(List.of("cores", "gpu_freq", "turbo"), List.copyOf(c.values().keySet()), "the order given");
        assertNotEquals(c, c.with("turbo", 1));
        assertNotEquals(c, Configuration.of("cores", 4, "gpu_freq", 1.3e9));
        assertNotEquals(c.values(), Map.of("cores", 4.0, "gpu_freq", 1.3e9, "turbo", 1.0));
    }

    @Test
    void theValuesCannotBeChanged() {
        LinkedHashMap<String, Double> given = new LinkedHashMap<>(Map.of("cores", 2.0));
        Configuration c = new Configuration(given);
        given.put("cores", 3.0);
        assertEquals(2.0, c.get("cores"), 0, "a copy of the map given");
        assertThrows(UnsupportedOperationException.class, () -> c.values().put("cores", 1.0));
        assertThrows(UnsupportedOperationException.class, () -> c.values().remove("cores"));
        assertThrows(UnsupportedOperationException.class, () -> c.values().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.values().entrySet().iterator().next().setValue(1.0));
    }
}
