package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoardOptionsTest {

    @Test
    void aCoreMaskValueIsTheBitMaskFromCoreZeroUp() {
        assertEquals(1, BoardOptions.coreMaskValue("1000"));
        assertEquals(13, BoardOptions.coreMaskValue("1011"));
        assertEquals(15, BoardOptions.coreMaskValue("1111"));
        assertEquals("1011", BoardOptions.coreMaskLabel(13, 4));
        assertEquals("1000", BoardOptions.coreMaskLabel(1, 4));
        assertEquals(3, BoardOptions.onlineCores(13));
        assertThrows(IllegalArgumentException.class, () -> BoardOptions.coreMaskValue("10a1"));
        assertThrows(IllegalArgumentException.class, () -> BoardOptions.coreMaskValue(""));
        assertThrows(IllegalArgumentException.class, () -> BoardOptions.coreMaskLabel(17, 4), "bit 4 of 4 cores");
        assertThrows(IllegalArgumentException.class, () -> BoardOptions.coreMaskLabel(1.5, 4));
    }

    @Test
    void nestedPatternsAreTheFirstCoresOnline() {
        assertTrue(BoardOptions.isNested("1000"));
        assertTrue(BoardOptions.isNested("1110"));
        assertFalse(BoardOptions.isNested("1010"));
        assertFalse(BoardOptions.isNested("1001"));
        assertTrue(BoardOptions.isHardware(BoardOptions.EMC_FREQ));
        assertFalse(BoardOptions.isHardware("swappiness"));
    }
}
