package org.tunerd.models.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tunerd.models.space.Configuration;
import org.tunerd.models.space.ConfigurationSpace;
import org.tunerd.models.space.Option;

class FeatureEncodingTest {

    private final ConfigurationSpace space = new ConfigurationSpace(List.of(
            Option.ordinal("cores", List.of(1.0, 2.0, 4.0)),
            Option.categorical("mask", List.of("1000", "1100")),
            Option.ordinal("cpu_freq", List.of(345600.0, 2035200.0)),
            Option.ordinal("gpu_freq", List.of(140250000.0, 1300500000.0))));

    @Test
    void scalesNumbersByAFixedPhysicalUnitAndOneHotsCategories() {
        FeatureEncoding e = FeatureEncoding.of(space);
        assertEquals(List.of("cores", "mask=1000", "mask=1100", "cpu_freq", "gpu_freq"), e.names());
        assertEquals(1e6, e.scale("cpu_freq"));
        assertEquals(1e9, e.scale("gpu_freq"));
        assertArrayEquals(new double[] {2, 0, 1, 2.0352, 1.3005},
                e.encode(Configuration.of("cores", 2, "mask", 1, "cpu_freq", 2035200, "gpu_freq", 1300500000)), 1e-12);
        // a value from another board's table, never in this space, is encoded on the same scale
        assertArrayEquals(new double[] {3, 1, 0, 1.4, 0.9},
                e.encode(Configuration.of("cores", 3, "mask", 0, "cpu_freq", 1400000, "gpu_freq", 900000000)), 1e-12);
    }

    @Test
    void inferredEncodingTreatsEveryOptionAsNumeric() {
        FeatureEncoding e = FeatureEncoding.infer(List.of(Configuration.of("a", 3, "f", 5e8), Configuration.of("a", 12, "f", 1e9)));
        assertEquals(List.of("a", "f"), e.names());
        assertEquals(10, e.scale("a"));
        assertEquals(1e9, e.scale("f"));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoding.infer(List.of(Configuration.of("a", 1), Configuration.of("b", 1))));
    }

    @Test
    void aMissingOptionIsNamed() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoding.of(space).encode(Configuration.of("cores", 1)));
        assertEquals(true, ex.getMessage().contains("'mask'"), ex.getMessage());
    }
}
