package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void aKnownSizeKeepsItsWxHForm() {
        Environment e = new Environment("TX2", "xception", 600, 400, Map.of("batch", "4"));
        assertTrue(e.hasSize());
        assertEquals("600x400", e.size());
        assertEquals("tx2_xception_600x400_batch-4", e.id());
        assertEquals("TX2/xception/600x400{batch=4}", e.toString());
        assertEquals(240000, e.pixels());
    }

    @Test
    void anUnknownSizeIsZeroByZeroAndPrintsNa() {
        Environment e = Environment.withUnknownSize("TX2", "unknown", Map.of());
        assertFalse(e.hasSize());
        assertEquals(0, e.width());
        assertEquals("NA", e.size());
        assertEquals("tx2_unknown_na", e.id());
        assertEquals("TX2/unknown/NA", e.toString());
        assertEquals(e, new Environment("TX2", "unknown", 0, 0));
        assertNotEquals(e, new Environment("TX2", "unknown", 1, 1));
    }

    @Test
    void aHalfKnownOrNegativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Environment("TX2", "x", 0, 224));
        assertThrows(IllegalArgumentException.class, () -> new Environment("TX2", "x", 224, 0));
        assertThrows(IllegalArgumentException.class, () -> new Environment("TX2", "x", -1, -1));
    }
}
