package org.tunerd.models.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationSpaceTest {

    private final ConfigurationSpace space = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 3.0)),
            Option.ordinal("gpu_freq", List.of(1.3e9, 1.4e8)),
            Option.binary("turbo")), List.of(Constraint.atLeast("cores", 2)));

    @Test
    void enumeratesTheAllowedProductInOptionOrder() {
        assertEquals(8, space.size(), "3 x 2 x 2 less the four with one core");
        assertEquals(Configuration.of("cores", 2, "gpu_freq", 1.4e8, "turbo", 0), space.get(0));
        assertEquals(Configuration.of("cores", 2, "gpu_freq", 1.4e8, "turbo", 1), space.get(1), "last option fastest");
        for (int i = 0; i < space.size(); i++) {
            assertEquals(i, space.index(space.get(i)));
        }
        assertEquals(Configuration.of("cores", 3, "gpu_freq", 1.3e9, "turbo", 1), space.maximum());
    }

    @Test
    void violationsNameTheOptionValueOrConstraint() {
        Configuration ok = Configuration.of("cores", 2, "gpu_freq", 1.3e9, "turbo", 1);
        assertEquals(Optional.empty(), space.violation(ok));
        assertTrue(space.allows(ok));
        assertEquals(-1, space.index(ok.with("cores", 1)));
        assertEquals(Optional.of("constraint 'cores >= 2' fails"), space.violation(ok.with("cores", 1)));
        assertTrue(space.violation(ok.with("gpu_freq", 5e8)).orElseThrow().startsWith("option 'gpu_freq' does not offer 500000000"));
        assertTrue(space.violation(ok.with("emc_freq", 1e9)).orElseThrow().startsWith("unknown option 'emc_freq'"));
        assertFalse(space.allows(ok.with("emc_freq", 1e9)));
        assertEquals(Optional.of("option 'turbo' is missing"),
                space.violation(Configuration.of("cores", 2, "gpu_freq", 1.3e9)));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(UnsupportedOperationException.class, () -> Option.binary("x").values().add(2.0), "values are immutable");
        assertThrows(IllegalArgumentException.class, () -> new Option("b", OptionKind.BINARY, List.of(0.0, 2.0), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Option("o", OptionKind.ORDINAL, List.of(2.0, 1.0), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ConfigurationSpace(List.of(Option.binary("a"), Option.binary("a"))));
        assertEquals("on", Option.categorical("mode", List.of("off", "on")).label(1));
    }

    @Test
    void aListedSpaceOffersExactlyItsConfigurationsWithTheSameContract() {
        List<Option> options = List.of(Option.ordinal("cores", List.of(1.0, 2.0, 3.0)),
                Option.ordinal("gpu_freq", List.of(1.4e8, 1.3e9)));
        Configuration a = Configuration.of("gpu_freq", 1.3e9, "cores", 2);
        Configuration b = Configuration.of("cores", 1, "gpu_freq", 1.4e8);
        ConfigurationSpace listed = ConfigurationSpace.listed(options, List.of(a, b));
        assertTrue(listed.isListed());
        assertFalse(space.isListed());
        assertEquals(2, listed.size());
        assertEquals(6, listed.productSize());
        assertEquals(List.of("cores", "gpu_freq"), List.copyOf(listed.get(0).values().keySet()), "option order");
        assertEquals(0, listed.index(a));
        assertEquals(1, listed.index(b));
        Configuration offeredButNotListed = Configuration.of("cores", 2, "gpu_freq", 1.4e8);
        assertEquals(-1, listed.index(offeredButNotListed));
        assertFalse(listed.contains(offeredButNotListed));
        assertFalse(listed.allows(offeredButNotListed));
        assertTrue(listed.violation(offeredButNotListed).orElseThrow().contains("not one of the 2 configurations"),
                listed.violation(offeredButNotListed).orElseThrow());
        assertTrue(listed.violation(b.with("gpu_freq", 5e8)).orElseThrow().startsWith("option 'gpu_freq' does not offer"));
        assertEquals(Optional.empty(), listed.violation(a));
        assertTrue(listed.allows(a));
        assertFalse(listed.contains(listed.maximum()), "the all-maximum configuration need not be listed");

        ConfigurationSpace atLeastTwo = listed.withConstraints(List.of(Constraint.atLeast("cores", 2)));
        assertTrue(atLeastTwo.isListed());
        assertEquals(List.of(a), atLeastTwo.configurations());
        assertEquals(Optional.of("constraint 'cores >= 2' fails"), atLeastTwo.violation(b));
        assertTrue(listed.toString().contains("listed"), listed.toString());
    }

    @Test
    void aListedSpaceRefusesConfigurationsItsOptionsDoNotOffer() {
        List<Option> options = List.of(Option.ordinal("cores", List.of(1.0, 2.0)));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> ConfigurationSpace.listed(options, List.of(Configuration.of("cores", 3))));
        assertTrue(bad.getMessage().contains("cores") && bad.getMessage().contains("3"), bad.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> ConfigurationSpace.listed(options,
                List.of(Configuration.of("cores", 1), Configuration.of("cores", 1))));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigurationSpace.listed(options,
                List.of(Constraint.atLeast("cores", 2)), List.of(Configuration.of("cores", 1))));
    }
}
