package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void textParsesAsACountAFractionOrAPercentage() {
        assertEquals(Budget.ofCount(25), Budget.parse("25"));
        assertEquals(Budget.ofFraction(0.0244), Budget.parse("0.0244"));
        assertEquals(Budget.ofFraction(1.0), Budget.parse("1.0"), "a decimal point makes a fraction");
        assertEquals(19, Budget.parse("2.44%").samples(768));
        assertEquals(19, Budget.parse(" 0.0244 ").samples(768));
    }

    @Test
    void samplesAreAtLeastOneAndAtMostTheSpace() {
        assertEquals(25, Budget.ofCount(25).samples(768));
        assertEquals(10, Budget.ofCount(25).samples(10), "never more than the space");
        assertEquals(1, Budget.ofFraction(0.0001).samples(768), "at least one");
        assertEquals(768, Budget.ofFraction(1).samples(768));
    }

    @Test
    void badTextIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Budget.parse("lots"));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Budget.parse("1.5")).getMessage().contains("'1.5'"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("-3"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("150%"));
        assertThrows(IllegalArgumentException.class, () -> Budget.parse("0"), "a budget measures something");
    }

    @Test
    void aBudgetIsEitherACountOrAFraction() {
        assertThrows(IllegalArgumentException.class, () -> new Budget(3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Budget(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Budget.ofFraction(1.5));
        assertTrue(Budget.ofFraction(0.1).isFraction());
        assertEquals("20", Budget.ofCount(20).toString());
    }
}
